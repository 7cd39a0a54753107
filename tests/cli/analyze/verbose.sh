# tsv holds only the windows; -v names the basis that auto chose, with
# the window, step and bucket length, on standard error.
. "$TESTS/cli/lib.sh"

{
	printf '2025-01-01 00:00:01.000 +00:00 [INF] started\n'
	printf '2025-01-01 00:00:02.000 +00:00 [ERR] failed\n'
} >e.log
printf '2025-01-01 00:00:05.000 +00:00 [INF] HTTP GET /a responded 200 in 1 ms\n' \
    >r.log

run "$LOGTOOL" analyze --format tsv -v e.log
expect_status 0
expect_err "^logtool: basis: entries \(auto\); window 5m, step 5m, buckets of 1m$"
expect_out_lines 2
expect_no_out '^#'
expect_out '^start	end	requests	'

run "$LOGTOOL" analyze --format tsv --verbose --basis requests e.log
expect_err "^logtool: basis: requests; window 5m, step 5m, buckets of 1m$"

run "$LOGTOOL" analyze --format tsv -v --window 1h --step 30m r.log
expect_err "^logtool: basis: requests \(auto\); window 1h, step 30m, buckets of 1m$"

run "$LOGTOOL" analyze --format tsv r.log
expect_err_empty
