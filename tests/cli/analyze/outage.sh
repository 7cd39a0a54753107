# A window in which every request failed is SEV-1 and exits 1, also when
# the whole input is an outage.
. "$TESTS/cli/lib.sh"

{
	i=1
	while [ $i -le 31 ]; do
		printf '2025-12-03 09:50:%02d.000 +00:00 [INF] HTTP GET /api/a' $i
		printf ' responded 200 in 5 ms\n'
		i=$((i + 1))
	done
	i=1
	while [ $i -le 50 ]; do
		printf '2025-12-03 10:00:%02d.000 +00:00 [INF] tick %d\n' $i $i
		printf '2025-12-03 10:01:%02d.000 +00:00 [ERR] HTTP GET /api/a' $i
		printf ' responded 503 in 5 ms\n'
		i=$((i + 1))
	done
} >o2.log

run "$LOGTOOL" analyze --format text --since 2025-12-03T10:00Z o2.log
expect_status 1
expect_out '^2025-12-03T10:00:00Z .* 50 +50 +100\.00% SEV-1 '
grep -q 'below WRN' err && fail "an errors-only warning for a log with INF"

run "$LOGTOOL" analyze --format tsv o2.log
expect_status 1
expect_out '^2025-12-03T09:50:00Z	.*	31	0	0\.000000	ok	'
expect_out '^2025-12-03T10:00:00Z	.*	50	50	1\.000000	SEV-1	'

grep 'responded 503' o2.log >outage.log
run "$LOGTOOL" analyze --format json outage.log
expect_status 1
expect_out '"requests":50,"errors":50,"error_rate":1\.0.*"severity":"SEV-1"'
expect_out '"errors_only":true'
expect_err "no record in the input is below WRN"

run "$LOGTOOL" analyze --format json --min-requests 51 o2.log
expect_status 0
expect_no_out '"severity":"SEV'
