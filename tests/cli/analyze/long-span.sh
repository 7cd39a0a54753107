# Records that span more years than one-minute buckets cover are counted
# in longer buckets that still divide the window and the step.
. "$TESTS/cli/lib.sh"

{
	printf '2015-01-01 00:00:30.000 +00:00 [INF] HTTP GET /a responded 200 in 10 ms\n'
	printf '2015-01-01 00:04:30.000 +00:00 [ERR] HTTP GET /a responded 500 in 30 ms\n'
	printf '2015-01-01 00:05:30.000 +00:00 [INF] HTTP GET /a responded 200 in 20 ms\n'
	printf '2024-06-01 00:00:10.000 +00:00 [ERR] HTTP GET /b responded 500 in 40 ms\n'
} >span.log

run "$LOGTOOL" analyze --format tsv --min-requests 1 span.log
expect_status 1
expect_out '^2015-01-01T00:00:00Z	2015-01-01T00:05:00Z	2	1	0\.500000	SEV-2	10\.000	30\.000	30\.000	30\.000	0$'
expect_out '^2015-01-01T00:05:00Z	2015-01-01T00:10:00Z	1	0	0\.000000	ok	'
expect_out '^2024-06-01T00:00:00Z	2024-06-01T00:05:00Z	1	1	1\.000000	SEV-1	'

run "$LOGTOOL" analyze --format json --window 1d --min-requests 1 span.log
expect_status 1
expect_out '"start":"2015-01-01T00:00:00Z","end":"2015-01-02T00:00:00Z","requests":3,"errors":1,'
tail -n 1 out | grep -q '"windows":3440,' || fail "window count"

run "$LOGTOOL" analyze --format text --slo 99 --min-requests 1 span.log
expect_status 1
expect_out '^  page   1h/5m evaluated from 2015-01-01T01:00:00Z$'

run "$LOGTOOL" report -o span.html --window 1d span.log
expect_status 0
grep -q 'span.log\|2015-01-01' span.html || fail "report lacks the records"

# One-minute windows cannot be merged, so the span is too long for them.
run "$LOGTOOL" analyze --window 1m span.log
expect_status 2
expect_err "^logtool: records span 3439 days, more than 4194304 buckets of 1m; use a longer --window and --step, or narrow the time with --since and --until$"

# The real logs span 2015 to 2025, read from files and from the index.
# JSON of a million windows is slow under the sanitizers, so only tsv
# uses the default 5m windows.
[ -n "${REAL:-}" ] || exit 0
run "$LOGTOOL" analyze --format tsv "$REAL"/*.*
expect_status 1
expect_out_lines 1016609
run "$LOGTOOL" analyze --format json --window 1d "$REAL"/*.*
expect_status 1
summary='"bucket_ms":120000,"slo":null,"windows":3531,.*"requests":4024,"errors":147,'
tail -n 1 out | grep -q "$summary" || fail "summary of the files"
"$LOGTOOL" index -q --db real.db "$REAL"/*.* || fail "index failed"
run "$LOGTOOL" analyze --format json --window 1d --db real.db
tail -n 1 out | grep -q "$summary" || fail "summary of the index"
run "$LOGTOOL" report --db real.db --window 1d -o real.html
expect_status 0
