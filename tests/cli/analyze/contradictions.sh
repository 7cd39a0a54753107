# Contradictory options are usage errors, and each message states the
# rule that the value broke.
. "$TESTS/cli/lib.sh"

printf '2025-01-01 00:00:00.000 +00:00 [INF] HTTP GET /a responded 200 in 1 ms\n' \
    >one.log

run "$LOGTOOL" analyze --threshold 1 --warn-threshold 5 one.log
expect_status 2
expect_err "^logtool: --warn-threshold 5 must not be above --threshold 1$"

run "$LOGTOOL" report -o r.html --threshold 1 --warn-threshold 5 one.log
expect_status 2
expect_err "--warn-threshold 5 must not be above --threshold 1"

# Equal thresholds, and a --threshold below the default warning
# threshold, leave SEV-3 out.
run "$LOGTOOL" analyze --format json --threshold 3 --warn-threshold 3 \
    one.log
expect_status 0
expect_out '"threshold":3\.0,"warn_threshold":3\.0,'
run "$LOGTOOL" analyze --format json --threshold 0.5 one.log
expect_status 0
expect_out '"threshold":0\.5,"warn_threshold":0\.5,'

run "$LOGTOOL" analyze --since now --until -1d one.log
expect_status 2
expect_err "^logtool: --until must be later than --since$"

for slo in 100 101 0 -1; do
	run "$LOGTOOL" analyze --slo "$slo" one.log
	expect_status 2
	expect_err "^logtool: invalid --slo '$slo': expected a percentage above 0 and below 100$"
done
