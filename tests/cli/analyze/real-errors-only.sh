# A log with failed requests but no successful ones warns instead of
# reporting a 100% error rate.
. "$TESTS/cli/lib.sh"
need_real

run "$LOGTOOL" analyze --format json "$REAL/serilog-text-shop-errors.txt"
expect_status 0
expect_err "all 92 requests in the input failed and none succeeded"
tail -n 1 out | grep -q '"requests":92,"errors":92,' || fail "summary counts"
tail -n 1 out | grep -q '"all_failed":true' || fail "all_failed not set"
expect_no_out '"severity":"SEV'
expect_no_out '"error_rate":1\.0'

run "$LOGTOOL" analyze --format json --basis entries --window 1d \
    --min-requests 1 "$REAL/serilog-text-shop-errors.txt"
expect_out '"basis":"entries"'
expect_out '"entries":250,"error_entries":240,'
