# --basis: requests, entries, and auto, which picks entries for logs without
# request lines and names the basis it used.
. "$TESTS/cli/lib.sh"

{
	printf '2025-01-01 00:00:01.000 +00:00 [INF] started\n'
	printf '2025-01-01 00:00:02.000 +00:00 [ERR] failed\n'
	printf '2025-01-01 00:00:03.000 +00:00 [FTL] crashed\n'
	printf '2025-01-01 00:00:04.000 +00:00 [WRN] slow\n'
} >e.log

run "$LOGTOOL" analyze --format text --min-requests 1 e.log
expect_status 1
expect_out '^basis: entries \(auto\);'
expect_out '^2025-01-01T00:00:00Z .* 4 +2 +50.00% SEV-2'

run "$LOGTOOL" analyze --format json --basis requests --min-requests 1 e.log
expect_status 0
expect_out '"basis":"requests"'
expect_out '"requests":0,"errors":0,"error_rate":null'

printf '2025-01-01 00:00:05.000 +00:00 [INF] HTTP GET /a responded 200 in 1 ms\n' \
    >>e.log
run "$LOGTOOL" analyze --format json --min-requests 1 e.log
expect_out '"basis":"requests"'
run "$LOGTOOL" analyze --format json --basis entries --min-requests 1 e.log
expect_out '"requests":5,"errors":2,'

if [ -n "${REAL:-}" ]; then
	run "$LOGTOOL" analyze --format json --window 1d --min-requests 1 \
	    "$REAL/serilog-clef-fileupload.txt"
	expect_out '"basis":"entries"'
	expect_out '"requests":0,"errors":0,"entries":15,"error_entries":11,'
fi
