# The errors family contains exactly the ERR and FTL records of aura-api,
# with their stack traces, byte for byte.
. "$TESTS/cli/lib.sh"

run "$LOGGEN" --days 2 --rate 20 logs
expect_status 0

# Prints the records (header line and continuation lines) whose level is
# ERR or FTL; a header line starts with "[2".
errors_of() {
	awk '/^\[2/ { keep = ($0 ~ /^\[[^]]*\] \[(ERR|FTL)\]/) } keep' "$@"
}

for day in 20251201 20251202; do
	errors_of "logs/aura-api-$day.log" >expected
	[ -s expected ] || fail "no ERR records in aura-api-$day.log"
	cmp -s expected "logs/errors-$day.log" ||
	    fail "errors-$day.log differs from the ERR/FTL records"
done
grep -q '^   at Aura\.Api\.' logs/errors-20251202.log ||
    fail "no Aura.Api stack frame in the errors family"
grep -q '^ ---> ' logs/errors-20251202.log || fail "no inner exception"
grep -q '^   --- End of inner exception stack trace ---' \
    logs/errors-20251202.log || fail "no end of inner exception line"

grep -q '^\[[^]]*\] \[FTL\] .* Host terminated unexpectedly ' \
    logs/errors-20251202.log || fail "no FTL record on the second day"

# Each failed request's unhandled-exception line has its correlation id.
awk '/^\[2/ && / Request failed: / { print $5 }' logs/errors-20251202.log |
    sort >failed-ids
awk '/^\[2/ && / An unhandled exception has occurred / { print $5 }' \
    logs/errors-20251202.log | sort >unhandled-ids
[ -s failed-ids ] || fail "no Request failed lines"
comm -23 failed-ids unhandled-ids >missing
[ ! -s missing ] || fail "no unhandled exception line for $(head -n 1 missing)"
