# A mistyped LOGTOOL_NOW is a usage error, not a silent fall-back to the
# real clock.
. "$TESTS/cli/lib.sh"

printf '2025-12-01 10:00:00.000 +00:00 [INF] x\n' >a.log
run env LOGTOOL_NOW=yesterday "$LOGTOOL" cat a.log
expect_status 2
expect_err "^logtool: invalid LOGTOOL_NOW 'yesterday'"

run env LOGTOOL_NOW=2025-12-03T16:00:00+01:00 "$LOGTOOL" cat a.log
expect_status 0
exit 0
