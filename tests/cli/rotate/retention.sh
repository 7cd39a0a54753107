# Retention by age, count and total size, judged from bundle names.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/rotate/make-logs.inc"
export LOGTOOL_NOW=2025-12-10T12:00

mkdir -p logs/archive
for k in 20251101 20251108 20251110 20251201 2025W45 202510; do
	head -c 1000 /dev/urandom >logs/archive/aura-logs-$k.tar.gz
done
for k in 20250901 20250911 20251201; do
	head -c 10 /dev/urandom >logs/archive/aura-audit-$k.tar.gz
done
touch logs/archive/aura-logs-20251301.tar.gz logs/archive/notes.txt
# mtime must not matter.
touch -d 2020-01-01 logs/archive/aura-logs-20251201.tar.gz

# 0 would delete every bundle, today's included, so it is rejected.
ls logs/archive >before
for opt in --keep --keep-days --max-total; do
	run "$LOGTOOL" rotate "$opt" 0 logs
	expect_status 2
	expect_err "^logtool: invalid $opt '0': 0 would delete every bundle"
done
run "$LOGTOOL" rotate --audit-keep-days 0 logs
expect_status 2
expect_err "^logtool: invalid --audit-keep-days '0': 0 would delete every audit bundle, today's included; use at least 1$"
ls logs/archive | cmp -s before - || fail "a rejected retention deleted"

run "$LOGTOOL" rotate --keep-days 30 --dry-run logs
expect_status 0
expect_out 'would delete archive/aura-logs-20251101.tar.gz \(older than 30 days\)$'
expect_out 'would delete archive/aura-logs-20251108.tar.gz'
expect_out 'would delete archive/aura-logs-2025W45.tar.gz'
expect_out 'would delete archive/aura-logs-202510.tar.gz'
expect_no_out '20251110'
expect_no_out 'aura-logs-20251201'
# audit: 90 days by default; 2025-09-11 ended 89 days before 2025-12-10.
expect_out 'would delete archive/aura-audit-20250901.tar.gz \(older than 90 days\)$'
expect_no_out 'aura-audit-20250911'
[ -f logs/archive/aura-logs-20251101.tar.gz ] || fail "--dry-run deleted"

run "$LOGTOOL" rotate --keep-days 30 logs
expect_status 0
expect_out 'deleted archive/aura-logs-20251101.tar.gz \(older than 30 days\)$'
[ ! -e logs/archive/aura-logs-20251101.tar.gz ] || fail "not deleted"
[ -f logs/archive/aura-logs-20251301.tar.gz ] || fail "invalid name touched"
[ -f logs/archive/notes.txt ] || fail "other file touched"

run "$LOGTOOL" rotate --keep 1 --audit-keep-days never logs
expect_status 0
expect_out 'deleted archive/aura-logs-20251110.tar.gz \(more than 1 bundles\)$'
expect_no_out 'audit'
[ -f logs/archive/aura-logs-20251201.tar.gz ] || fail "newest deleted"

for k in 20251205 20251206 20251207; do
	head -c 1000 /dev/urandom >logs/archive/aura-logs-$k.tar.gz
done
run "$LOGTOOL" rotate --max-total 2500 logs
expect_status 0
expect_out 'deleted archive/aura-logs-20251201.tar.gz \(bundles over 2500 bytes\)$'
expect_out 'deleted archive/aura-logs-20251205.tar.gz'
expect_no_out '20251206'
expect_no_out '20251207'

# Audit files go to their own bundles.
make_log logs audit-20251202.log 5
make_log logs aura-api-20251201.log 5
run "$LOGTOOL" rotate --family audit logs
expect_status 0
expect_out 'archived audit-20251202.log -> archive/aura-audit-20251202.tar.gz$'
expect_out 'archived aura-api-20251201.log -> archive/aura-logs-20251201.tar.gz$'
