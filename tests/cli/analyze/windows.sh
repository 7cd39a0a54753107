# Window edges, empty windows, sliding windows, --since/--until and the
# percentiles of a small hand-made log.
. "$TESTS/cli/lib.sh"

line() {
	printf '2025-01-01 %s +00:00 [%s] HTTP %s responded %s in %s ms\n' \
	    "$1" "$2" "$3" "$4" "$5"
}
{
	line 00:00:10.000 INF "GET /a" 200 10
	line 00:01:00.000 INF "GET /a" 200 20
	line 00:02:00.000 ERR "GET /b/17" 500 30
	line 00:04:59.999 INF "GET /a" 200 40
	line 00:05:00.000 INF "GET /a" 200 50
	line 00:20:00.000 ERR "GET /b/18" 503 60
} >w.log

run "$LOGTOOL" analyze --format tsv --min-requests 1 w.log
expect_status 1
expect_out_lines 6
expect_out '^start	end	requests	errors	error_rate	severity	p50_ms	p95_ms	p99_ms	max_ms	slow$'
expect_out '^2025-01-01T00:00:00Z	2025-01-01T00:05:00Z	4	1	0.250000	SEV-2	20.000	40.000	40.000	40.000	0$'
expect_out '^2025-01-01T00:05:00Z	2025-01-01T00:10:00Z	1	0	0.000000	ok	50.000	'
expect_out '^2025-01-01T00:10:00Z	2025-01-01T00:15:00Z	0	0		ok					0$'
expect_out '^2025-01-01T00:15:00Z	2025-01-01T00:20:00Z	0	0		ok	'
expect_out '^2025-01-01T00:20:00Z	2025-01-01T00:25:00Z	1	1	1.000000	SEV-1	'

run "$LOGTOOL" analyze --format tsv --min-requests 1 --window 10m \
    --step 5m w.log
expect_out_lines 6
expect_out '^2025-01-01T00:00:00Z	2025-01-01T00:10:00Z	5	1	0.200000	SEV-2	'
expect_out '^2025-01-01T00:05:00Z	2025-01-01T00:15:00Z	1	0	'
expect_out '^2025-01-01T00:10:00Z	2025-01-01T00:20:00Z	0	0	'
expect_out '^2025-01-01T00:15:00Z	2025-01-01T00:25:00Z	1	1	'
expect_out '^2025-01-01T00:20:00Z	2025-01-01T00:30:00Z	1	1	'

run "$LOGTOOL" analyze --format tsv --min-requests 1 --window 1h w.log
expect_out_lines 2
expect_out '^2025-01-01T00:00:00Z	2025-01-01T01:00:00Z	6	2	0.333333	SEV-2	30.000	60.000	60.000	60.000	0$'

run "$LOGTOOL" analyze --format tsv --min-requests 1 \
    --since 2025-01-01T00:05Z --until 2025-01-01T00:20Z w.log
expect_status 0
expect_out_lines 2
expect_out '^2025-01-01T00:05:00Z	2025-01-01T00:10:00Z	1	0	'

# The minimum-volume guard and the thresholds.
run "$LOGTOOL" analyze --format tsv --min-requests 2 --threshold 30 w.log
expect_status 0
expect_out '^2025-01-01T00:00:00Z	.*	SEV-3	'
expect_out '^2025-01-01T00:20:00Z	.*	1	1	1.000000	ok	'

run "$LOGTOOL" analyze --format tsv --min-requests 2 --threshold 30 \
    --warn-threshold 25 w.log
expect_status 0
expect_no_out 'SEV-'

run "$LOGTOOL" analyze --format tsv --min-requests 5 w.log
expect_status 0
expect_no_out 'SEV-'

# p95 above --p95-ms marks the window slow.
run "$LOGTOOL" analyze --format tsv --min-requests 1 --p95-ms 35 w.log
expect_out '^2025-01-01T00:00:00Z	.*	40.000	1$'
expect_out '^2025-01-01T00:05:00Z	.*	50.000	1$'
