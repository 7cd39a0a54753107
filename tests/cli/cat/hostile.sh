# logtool cat: CRLF, a byte-order mark, NUL bytes, invalid UTF-8, a long
# line and a truncated gzip stream give correct output, not a crash.
. "$TESTS/cli/lib.sh"

printf '\357\273\2772025-12-01 10:00:00.000 +00:00 [INF] bom first\r\n' >in.log
printf '2025-12-01 10:00:01.000 +00:00 [ERR] nul \000\000\000 inside\r\n' >>in.log
printf 'System.Exception: bad \377\376 bytes\r\n' >>in.log
head -c 900000 /dev/zero | tr '\0' 'x' >long.txt
printf '2025-12-01 10:00:02.000 +00:00 [WRN] ' >>in.log
cat long.txt >>in.log
printf '\n' >>in.log

run "$LOGTOOL" cat in.log
expect_status 0
cmp -s out in.log || fail "raw output differs from the input"

run "$LOGTOOL" cat -f json in.log
expect_status 0
expect_out_lines 3
expect_out '"message":"bom first"'
expect_out '"exception":"System.Exception: bad \\ufffd\\ufffd bytes"|"exception":"System.Exception: bad �� bytes"'

seq 1 20000 | sed 's/^/2025-12-01 10:00:00.000 +00:00 [INF] line /' | gzip -c >full.gz
size=$(wc -c <full.gz)
head -c $((size / 2)) full.gz >cut.log.gz
# What could be read is printed; the cut is a warning and exit status 1,
# as zcat(1) exits 1, so that cron notices.
run "$LOGTOOL" cat cut.log.gz
expect_status 1
expect_err "warning: .*cut.log.gz.*truncated"
n=$(wc -l <out)
[ "$n" -gt 1000 ] || fail "only $n lines read before the cut"
exit 0
