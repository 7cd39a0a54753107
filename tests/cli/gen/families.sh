# The warnings, audit and performance families contain what they should
# and nothing else.
. "$TESTS/cli/lib.sh"

run "$LOGGEN" --days 1 --rate 20 \
    --families aura-api,warnings,performance,audit logs
expect_status 0
day=20251201

# Prints the records whose header line matches the extended regex $1.
records() {
	awk -v re="$1" '/^\[2/ { keep = ($0 ~ re) } keep' "$2"
}

records '^\[[^]]*\] \[(WRN|ERR|FTL)\]' "logs/aura-api-$day.log" >expected
cmp -s expected "logs/warnings-$day.log" ||
    fail "warnings-$day.log differs from the WRN/ERR/FTL records"

records '"SourceContext":"Aura\.Api\.Audit\.AuditLog"' \
    "logs/aura-api-$day.log" >expected
[ -s expected ] || fail "no audit events in aura-api"
cmp -s expected "logs/audit-$day.log" ||
    fail "audit-$day.log differs from the audit events of aura-api"
grep -q '\] Project [0-9a-f-]* exported by [a-z.-]* {' \
    "logs/audit-$day.log" || fail "no export audit event"

# Slow request lines are only in the performance family.
[ -s "logs/performance-$day.log" ] || fail "empty performance family"
others=$(grep -vc '\] \[WRN\] .*\] Slow request: [A-Z]* /.* took [0-9]*ms ' \
    "logs/performance-$day.log")
[ "$others" -eq 0 ] || fail "$others other lines in the performance family"
! grep -q 'Slow request: ' "logs/aura-api-$day.log" ||
    fail "Slow request lines in aura-api"
! grep -q 'Slow request: ' "logs/warnings-$day.log" ||
    fail "Slow request lines in the warnings family"
