# Per-window counts match the generator's ground truth, with the errors
# sink's repeats counted once and health probes left out.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 20 --incident 2025-12-01T14:05/20m/30 \
    --truth truth.tsv logs >/dev/null || fail "aura-loggen failed"
[ -e logs/errors-20251201.log ] || fail "no errors sink written"

run "$LOGTOOL" analyze --format tsv --min-requests 0 logs
expect_status 1
tail -n +2 truth.tsv | awk -F'\t' '$2 > 0 || $3 > 0 { print $1 "\t" $2 "\t" $3 }' \
    >expected
tail -n +2 out | awk -F'\t' '$3 > 0 || $4 > 0 { print $1 "\t" $3 "\t" $4 }' \
    >actual
cmp -s expected actual || fail "counts differ from the truth:
$(diff expected actual | head -n 10)"

# The incident (14:05 local, +01:00) is SEV-2 at 13:05Z.
grep -q '^2025-12-01T13:05:00Z	2025-12-01T13:10:00Z	.*	SEV-[12]	' out ||
    fail "the incident window is not flagged"

# The main sink alone gives the same counts: the errors sink only repeats.
run "$LOGTOOL" analyze --format tsv --min-requests 0 \
    logs/aura-api-20251201.log
tail -n +2 out | awk -F'\t' '$3 > 0 || $4 > 0 { print $1 "\t" $3 "\t" $4 }' \
    >main_only
cmp -s expected main_only || fail "main sink alone differs"

# Health probes are counted with --include-health.
health=$(tail -n +2 truth.tsv | awk -F'\t' '{ n += $2 + $5 } END { print n }')
run "$LOGTOOL" analyze --format json --include-health logs
tail -n 1 out | grep -q "\"requests\":$health," ||
    fail "--include-health does not count $health requests"
tail -n 1 out | grep -q '"excluded":0,' || fail "excluded is not 0"
