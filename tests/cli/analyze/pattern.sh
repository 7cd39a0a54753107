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

# A pattern that backtracks without end on a message is an error (exit
# 2), not a log without requests.
a=$(printf 'a%.0s' $(seq 40))
for i in 1 2 3; do
	printf '2025-12-01 10:0%d:00.000 +00:00 [INF] %s! GET /x 500\n' \
	    "$i" "$a"
done >bt.log
run "$LOGTOOL" analyze --min-requests 1 \
    --request-pattern '(?:b|a!) (?<method>GET) (?<path>\S+) (?<status>\d+)' \
    bt.log
expect_status 1
run "$LOGTOOL" analyze --min-requests 1 \
    --request-pattern '(?:^(a|aa)+$|a!) (?<method>GET) (?<path>\S+)' bt.log
expect_status 2
expect_err 'failed on a message: match limit exceeded; simplify the pattern$'

# Without a status group no matched request can fail, and a warning
# states it.
run "$LOGTOOL" analyze --min-requests 1 --format json \
    --request-pattern '(?<method>GET) (?<path>/\S+)' bt.log
expect_status 0
expect_err "^logtool: warning: request pattern '\(\?<method>GET\) \(\?<path>/\\\\S\+\)' has no named group 'status', so the requests it matches never count as failed$"
expect_out '"requests":3,"errors":0,'
