# Health probes are excluded by default, --exclude-path adds patterns,
# and the output reports what was excluded.
. "$TESTS/cli/lib.sh"

line() {
	printf '2025-01-01 00:00:%s.000 +00:00 [INF] HTTP GET %s responded %s in 1 ms\n' \
	    "$1" "$2" "$3"
}
{
	line 01 /health 200
	line 02 /healthz/ready 503
	line 03 /api/health?full=1 200
	line 04 /metrics 200
	line 05 /api/jobs 200
	line 06 /api/jobs/1 500
} >x.log

run "$LOGTOOL" analyze --format text --min-requests 1 x.log
expect_out '^excluded: 3 requests \(1 failed\) matching /health\*, /healthz\*, /api/health\*$'
expect_out '^2025-01-01T00:00:00Z .* 3 +1 +33.33%'

run "$LOGTOOL" analyze --format json --min-requests 1 \
    --exclude-path '/metrics*' --exclude-path '/api/jobs/*' x.log
expect_status 0
expect_out '"requests":1,"errors":0,'
expect_out '"excluded":5,"excluded_patterns":\["/metrics\*","/api/jobs/\*","/health\*","/healthz\*","/api/health\*"\]'

run "$LOGTOOL" analyze --format json --min-requests 1 --include-health x.log
expect_out '"requests":6,"errors":2,'
expect_out '"excluded":0,"excluded_patterns":\[\]'
