# Files are named family-YYYYMMDD[_NNN].log after the local date and roll
# before they would pass --roll-size.
. "$TESTS/cli/lib.sh"

run "$LOGGEN" --days 2 --rate 10 \
    --families aura-api,errors,warnings,performance,audit logs
expect_status 0
expect_err_empty
for family in aura-api errors warnings performance audit; do
	for day in 20251201 20251202; do
		[ -s "logs/$family-$day.log" ] ||
		    fail "missing or empty logs/$family-$day.log"
	done
done
[ "$(ls logs | wc -l)" -eq 10 ] || fail "expected 10 files: $(ls logs)"

# The local date decides the file: the first line of a day's file is at
# or after local midnight, whatever the offset.
run "$LOGGEN" --days 1 --rate 10 --utc-offset -05:00 west
expect_status 0
[ -s west/aura-api-20251201.log ] || fail "no aura-api-20251201.log at -05:00"
head -n 1 west/aura-api-20251201.log |
    grep -q '^\[2025-12-01 00:00:00\.000 -05:00\]' ||
    fail "first line of the day is not at local midnight"

# Size rolls: _001, _002, ... and no file above the limit.
run "$LOGGEN" --days 1 --rate 20 --roll-size 1M rolled
expect_status 0
[ -s rolled/aura-api-20251201.log ] || fail "no base file"
[ -s rolled/aura-api-20251201_001.log ] || fail "no _001 roll"
[ -s rolled/aura-api-20251201_002.log ] || fail "no _002 roll"
for f in rolled/*.log; do
	size=$(wc -c <"$f")
	[ "$size" -le 1048576 ] || fail "$f has $size bytes, above 1M"
done
# The rolls of a day together hold what one file would.
run "$LOGGEN" --days 1 --rate 20 whole
cat rolled/aura-api-20251201.log rolled/aura-api-20251201_0*.log >joined
cmp -s joined whole/aura-api-20251201.log ||
    fail "the rolled files do not add up to the day's file"
