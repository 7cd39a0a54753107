# The text, TSV and JSON Lines outputs and the SVG chart.
. "$TESTS/cli/lib.sh"

line() {
	printf '2025-01-01 %s +00:00 [%s] HTTP GET %s responded %s in 5 ms\n' \
	    "$1" "$2" "$3" "$4"
	[ "$4" -lt 500 ] || printf 'System.TimeoutException: timed out\n'
}
{
	line 00:00:10.000 INF /api/jobs 200
	line 00:01:00.000 ERR /api/jobs/41 500
	line 00:02:00.000 ERR /api/jobs/42?x=1 500
	line 00:12:00.000 INF /api/jobs 200
} >f.log

run "$LOGTOOL" analyze --format text --min-requests 1 f.log
expect_status 1
expect_out '^basis: requests \(auto\); window 5m, step 5m, buckets of 1m$'
expect_out 'SEV-2 above 5%, SEV-3 above 1%, windows of at least 1 requests'
expect_out '^excluded: 0 requests \(0 failed\) matching /health\*, /healthz\*, /api/health\*$'
expect_out '^2025-01-01T00:00:00Z +2025-01-01T00:05:00Z +3 +2 +66.67% SEV-2'
expect_out '^2025-01-01T00:05:00Z .* - ok'
expect_out '^2025-01-01T00:00:00Z +█ ▁$'
expect_out '^SEV-2 at 2025-01-01T00:00:00Z: 2 of 3 failed$'
expect_out '^  failing endpoints \(failed requests\): GET /api/jobs/\{id\} \(2\)$'
expect_out '^  exception types \(ERR and FTL records\): System.TimeoutException \(2\)$'
expect_out '^3 windows: 1 at SEV-2 or worse, 0 at SEV-3, 0 slow$'

# Not a terminal: TSV is the default.
run "$LOGTOOL" analyze --min-requests 1 f.log
expect_out '^start	end	requests	'
expect_out_lines 4

run "$LOGTOOL" analyze --format json --min-requests 1 f.log
expect_out_lines 4
expect_out '^\{"type":"window","start":"2025-01-01T00:00:00Z","end":"2025-01-01T00:05:00Z","requests":3,"errors":2,"error_rate":0.666666666[67],"severity":"SEV-2",'
expect_out '"top_endpoints":\[\{"endpoint":"GET /api/jobs/\{id\}","failed":2\}\]'
expect_out '"top_exceptions":\[\{"type":"System.TimeoutException","count":2\}\]'
expect_out '"start":"2025-01-01T00:05:00Z".*"error_rate":null,'
expect_out '^\{"type":"summary","basis":"requests",.*"windows":3,"flagged":1,'
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys
for line in open(sys.argv[1]):
    json.loads(line)' out || fail "JSON Lines do not parse"
fi

run "$LOGTOOL" analyze --format tsv --min-requests 1 --svg chart.svg f.log
expect_status 1
grep -q '^<svg xmlns="http://www.w3.org/2000/svg"' chart.svg ||
    fail "no svg element"
grep -q 'Requests and error rate per 5m window' chart.svg || fail "no title"
grep -q 'SEV-2 above 5%' chart.svg || fail "no threshold line label"
grep -q 'fill="#f5b7b1"' chart.svg || fail "flagged window not shaded"
grep -q 'requests per window (bars)' chart.svg || fail "no axis title"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import sys, xml.dom.minidom
xml.dom.minidom.parse(sys.argv[1])' chart.svg || fail "SVG is not XML"
fi

run "$LOGTOOL" analyze --svg nodir/chart.svg f.log
expect_status 2
expect_err "cannot create 'nodir/chart.svg'"
