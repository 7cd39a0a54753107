# logtool cat on hostile record text: files joined with their byte-order
# marks, message templates built to cost time or memory, timestamps out
# of range, and JSON lines that are deep or cut short.
. "$TESTS/cli/lib.sh"

bom=$(printf '\357\273\277')
printf '%s2025-12-01 10:00:00.000 +00:00 [INF] first\n' "$bom" >a.log
printf '%s2025-12-01 10:00:01.000 +00:00 [INF] second\n' "$bom" >b.log
cat a.log b.log >joined.log
run "$LOGTOOL" cat -f tsv joined.log
expect_status 0
expect_out_lines 3
expect_out "	2	second	$"

# Prints the text $1 repeated $2 times.
repeat() {
	yes "$1" | head -n "$2" | tr -d '\n'
}
# Prints a CLEF line: second $1, template $2, property $3 with value $4.
line() {
	printf '{"@t":"2025-12-01T10:00:0%dZ","@mt":"%s","%s":%s}\n' "$@"
}
# 150000 unclosed '{', 20000 wide alignments, then 100 number tokens.
{
	line 0 "$(repeat '{a' 150000){b}" b 1
	line 1 "$(repeat '{N,9999}' 20000)" N 1
	line 2 "$(repeat '{N} ' 100)" N 2.50
} >templates.clef
run "$LOGTOOL" cat -f tsv templates.clef
len=$(sed -n 3p out | cut -f 6 | tr -d '\n' | wc -c)
{ sed -n 1,2p out; sed -n 3p out | cut -c 1-60; sed -n '4,$p' out; } >short
mv short out
expect_status 0
expect_out_lines 4
[ "$len" = 67108864 ] || fail "aligned message has $len bytes"
expect_out "	3	2.50 2.50 .* 2.5 2.5 	$"

printf '%s\n' \
    '2025-12-01 10:00:00.000 +00:00 [INF] good' \
    '2025-13-01 10:00:00.000 +00:00 [INF] month 13' \
    '2025-12-01 25:00:00.000 +00:00 [INF] hour 25' \
    '2025-12-01 10:00:00.000 +25:00 [INF] offset 25' \
    '2025-02-29 10:00:00.000 +00:00 [INF] not a leap year' \
    '{"@t":' \
    '0000-01-01 00:00:00.000 +00:00 [INF] year 0' \
    '9999-12-31 23:59:59.999 +00:00 [INF] year 9999' >times.log
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "["; print "" }' >>times.log
run "$LOGTOOL" cat -f tsv times.log
expect_status 0
expect_out_lines 4
first='^2025-12-01T10:00:00.000Z	INF		times.log	1	good	2025-13-01 '
expect_out "$first.*month 13.*hour 25.*offset 25.*leap year.*\"@t\":$"
expect_out "^0000-01-01T00:00:00.000Z	INF		times.log	7	year 0	$"
expect_out "^9999-12-31T23:59:59.999Z	INF		times.log	8	year 9999	\[\[\["
exit 0
