# analyze finds the request and 5xx counts of the real logs.
. "$TESTS/cli/lib.sh"
need_real

summary() {
	run "$LOGTOOL" analyze --format json --window 1d --min-requests 1 "$@"
	tail -n 1 out >summary
}

check() {
	grep -q "\"$1\":$2[,}]" summary || fail "$1 is not $2 in: $(cat summary)"
}

summary "$REAL/serilog-text-api-requests.txt"
expect_status 1
check requests 575
check errors 23
check entries 782
check error_entries 183

summary "$REAL/serilog-json-api-requests.json"
check requests 1674
check errors 31
check entries 1754

summary "$REAL/serilog-text-abp-crlf.txt"
expect_status 0
check requests 1026
check entries 13831

summary "$REAL/serilog-json-logserver.log"
check requests 11
check errors 0
check entries 125
