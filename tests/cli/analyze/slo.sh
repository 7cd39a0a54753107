# --slo prints the burn-rate rules that fired during an incident, and
# none for a quiet day.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 20 --incident 2025-12-01T14:05/20m/30 logs \
    >/dev/null || fail "aura-loggen failed"

run "$LOGTOOL" analyze --format text --slo 99.9 logs
expect_status 1
expect_out '^burn rate against SLO 99.9% \(error budget 0.1%\): [0-9]+ firings?$'
expect_out '^  page   1h/5m above 14.4x: from 2025-12-01T13:[0-9:]+Z to 2025-12-01T1[34]:[0-9:]+Z'
expect_out '^  page   6h/30m above 6x: from '
# One day of logs is shorter than the ticket rule's 3-day window.
expect_no_out '^  ticket 3d/6h above'
expect_out '^  ticket 3d/6h not evaluated: the input is shorter than 3d$'

run "$LOGTOOL" analyze --format json --slo 99.9 logs
expect_out '"burn_rate":\[.*\{"rule":"page","long":"1h","short":"5m","factor":14.4,"start":"2025-12-01T13:'
expect_out '"slo":99.9'

"$LOGGEN" --days 1 --rate 20 --incident none quiet >/dev/null ||
    fail "aura-loggen failed"
run "$LOGTOOL" analyze --format text --slo 90 quiet
expect_out 'burn rate against SLO 90% \(error budget 10%\): no rule fired'
