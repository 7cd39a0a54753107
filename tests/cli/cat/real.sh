# logtool cat: every real log parses into the entry count its source
# documents, and raw output reproduces each file.
. "$TESTS/cli/lib.sh"
need_real

check() {
	file=$1 entries=$2
	run "$LOGTOOL" cat -f tsv "$REAL/$file"
	expect_status 0
	n=$(($(wc -l <out) - 1))
	[ "$n" -eq "$entries" ] || fail "$file: $n records, expected $entries"
	run "$LOGTOOL" cat "$REAL/$file"
	expect_status 0
	# The Hadoop file lacks a final newline, which raw output adds.
	if [ "$file" = generic-hadoop-2k.log ]; then
		printf '\n' | cat "$REAL/$file" - | cmp -s out - ||
		    fail "$file: raw output differs"
	else
		cmp -s out "$REAL/$file" || fail "$file: raw output differs"
	fi
}

check serilog-text-api-requests.txt 782
check serilog-text-shop-errors.txt 250
check serilog-text-abp-crlf.txt 13831
check serilog-text-abp-bom.txt 2828
check serilog-json-api-requests.json 1754
check serilog-json-logserver.log 125
check serilog-clef-fileupload.txt 15
check serilog-clef-huge-event.clef 1
check generic-hadoop-2k.log 2000
exit 0
