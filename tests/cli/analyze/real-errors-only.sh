# A log without records below WRN (its minimum level hides successful
# requests) is analyzed as usual, with a warning that rates are not
# meaningful, and exits 1 because it contains failed requests.
. "$TESTS/cli/lib.sh"
need_real

run "$LOGTOOL" analyze --format json "$REAL/serilog-text-shop-errors.txt"
expect_status 1
expect_err "no record in the input is below WRN"
tail -n 1 out | grep -q '"requests":92,"errors":92,' || fail "summary counts"
tail -n 1 out | grep -q '"errors_only":true' || fail "errors_only not set"
expect_out '"error_rate":1\.0'

run "$LOGTOOL" analyze --format text "$REAL/serilog-text-shop-errors.txt"
expect_status 1
expect_out '^note: no record is below WRN, .* error rates are not meaningful'

run "$LOGTOOL" analyze --format text --window 1d --min-requests 20 \
    "$REAL/serilog-text-shop-errors.txt"
expect_status 1
expect_out '^2023-05-27T00:00:00Z .* SEV-1 '

run "$LOGTOOL" analyze --format json --basis entries --window 1d \
    --min-requests 1 "$REAL/serilog-text-shop-errors.txt"
expect_out '"basis":"entries"'
expect_out '"entries":250,"error_entries":240,'
expect_out '"errors_only":false'
