# --request-pattern adds a request-line shape with named groups.
. "$TESTS/cli/lib.sh"

{
	printf '2025-01-01 00:00:01.000 +00:00 [INF] served GET /a status=200 took=12ms\n'
	printf '2025-01-01 00:00:02.000 +00:00 [ERR] served POST /b/9 status=502 took=40ms\n'
	printf '2025-01-01 00:00:03.000 +00:00 [INF] HTTP GET /c responded 200 in 3 ms\n'
	printf '2025-01-01 00:00:04.000 +00:00 [INF] served nothing\n'
} >p.log

run "$LOGTOOL" analyze --format json --min-requests 1 p.log
expect_out '"requests":1,"errors":0,'

run "$LOGTOOL" analyze --format json --min-requests 1 --request-pattern \
    'served (?<method>[A-Z]+) (?<path>\S+) status=(?<status>\d+) took=(?<duration_ms>[0-9.]+)ms' \
    p.log
expect_status 1
expect_out '^\{"type":"window",.*"requests":3,"errors":1,.*"p50_ms":12.0,.*"max_ms":40.0,'
expect_out '"top_endpoints":\[\{"endpoint":"POST /b/\{id\}","failed":1\}\]'
