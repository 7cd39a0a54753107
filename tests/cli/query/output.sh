# query: raw output reprints records byte for byte in time order across
# files; tsv has a header; json has one object per record; --limit,
# --trace and --top.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/query/fixture.inc"

run "$LOGTOOL" query
expect_status 0
sort -s -k2,2 app-20251203.log jobs-20251203.log >/dev/null
head -n 1 out | grep -q 'DBG.*Job queue polled' || fail "not in time order"
expect_out_lines 9
grep -c . out >/dev/null
cat app-20251203.log jobs-20251203.log | sort >all.sorted
sort out >out.sorted
cmp -s all.sorted out.sorted || fail "raw output is not the records' bytes"

run "$LOGTOOL" query --format tsv --level ERR
expect_status 0
expect_out '^ts	level	correlation_id	source	line	message	exception$'
expect_out "^2025-12-03T10:00:01.000Z	ERR	corr-a1	.*app-20251203.log	2	Render 42 failed for 'a.mp4'	System.IO.IOException: disk full\\\\n   at Aura.Render\(\)$"
expect_out_lines 3

run "$LOGTOOL" query --format json --level FTL
expect_out '"correlation_id":"corr-b2"'
expect_out '"trace_id":"6bf92f3577b34da6a3ce929d0e0e4738"'
expect_out '"message":"Host terminated"'
expect_out '"line":3'
expect_out_lines 1

run "$LOGTOOL" query --limit 2 --format tsv
expect_out_lines 3

# --trace: every record of a correlation id in time order, the request
# line and the exception included.
run "$LOGTOOL" query --trace corr-a1
expect_status 0
expect_out_lines 5
sed -n 1p out | grep -q 'Request completed' || fail "trace order (1)"
sed -n 2p out | grep -q 'Job started' || fail "trace order (2)"
sed -n 3p out | grep -q 'Render 42 failed' || fail "trace order (3)"
expect_out '^System.IO.IOException: disk full$'

# --top: error signatures with count, first and last time, an example
# correlation id; restricted by the other filters.
run "$LOGTOOL" query --top
expect_status 0
expect_out '^count	first	last	correlation_id	signature$'
expect_out "^2	2025-12-03T10:00:01.000Z	2025-12-03T11:00:00.000Z	corr-(a1|b2)	Render <n> failed for '<v>'$"
expect_out '^1	2025-12-03T12:00:00.000Z	2025-12-03T12:00:00.000Z	corr-b2	Host terminated$'
run "$LOGTOOL" query --top 1
expect_out_lines 2
run "$LOGTOOL" query --top=1 --format json
expect_out '^\{"count":2,'
run "$LOGTOOL" query --top --family jobs
expect_out_lines 2
expect_out 'Host terminated'
run "$LOGTOOL" query --top --since 2025-12-03T13:00
expect_status 1
exit 0
