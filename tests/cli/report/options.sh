# report's options, errors and the real log without successful requests.
. "$TESTS/cli/lib.sh"

printf '2025-01-01 00:00:00.000 +00:00 [INF] HTTP GET /a responded 200 in 1 ms\n' \
    >one.log

run "$LOGTOOL" report --help
expect_status 0
expect_out '^usage: logtool report'

run "$LOGTOOL" report one.log
expect_status 2
expect_err "missing -o FILE"

run "$LOGTOOL" report -o r.html --window 0m one.log
expect_status 2

# A report that cannot be written is a failure (1); input that cannot
# be read is invalid input (2).
run "$LOGTOOL" report -o nodir/r.html one.log
expect_status 1
expect_err "cannot create 'nodir/r.html'"

run "$LOGTOOL" report -o r.html missing.log
expect_status 2
expect_err "missing.log"

run "$LOGTOOL" report -o r.html one.log
expect_status 0
grep -q 'No window reached SEV-3 or worse' r.html || fail "flagged section"
grep -q 'No failed requests' r.html || fail "failed-request section"

if [ -n "${REAL:-}" ]; then
	run "$LOGTOOL" report -o shop.html "$REAL/serilog-text-shop-errors.txt"
	expect_status 0
	expect_err "no record in the input is below WRN"
	grep -q 'error rates are not meaningful' shop.html ||
	    fail "no errors-only note in the report"
	grep -q 'HTTP GET &lt;path&gt; responded &lt;n&gt; in &lt;n&gt; ms' \
	    shop.html || fail "no escaped error signature"
fi

# --since and --until restrict the report's windows.
{
	printf '2025-01-01 00:01:00.000 +00:00 [INF] HTTP GET /a responded 200 in 1 ms\n'
	printf '2025-01-01 00:11:00.000 +00:00 [ERR] HTTP GET /a responded 500 in 1 ms\n'
	printf '2025-01-01 00:21:00.000 +00:00 [INF] HTTP GET /a responded 200 in 1 ms\n'
} >three.log
run "$LOGTOOL" report -o part.html --min-requests 1 \
    --since 2025-01-01T00:10Z --until 2025-01-01T00:20Z three.log
expect_status 0
grep -q '<td>2025-01-01T00:10:00Z</td>' part.html || fail "window 00:10 missing"
! grep -q '<td>2025-01-01T00:00:00Z</td>' part.html ||
    fail "window 00:00 is outside --since"
! grep -q '<td>2025-01-01T00:20:00Z</td>' part.html ||
    fail "window 00:20 is outside --until"
grep -q 'id="total-requests">1<' part.html || fail "total is not 1"
