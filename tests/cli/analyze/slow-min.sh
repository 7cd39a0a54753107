# "slow" needs a window of at least --min-requests requests with a
# duration, like the severities.
. "$TESTS/cli/lib.sh"

{
	for s in 01 02 03; do
		printf '2025-01-01 00:00:%s.000 +00:00 [INF] HTTP GET /a' $s
		printf ' responded 200 in 9000 ms\n'
	done
} >few.log

run "$LOGTOOL" analyze --format tsv few.log
expect_status 0
expect_out '^2025-01-01T00:00:00Z	.*	3	0	0\.000000	ok	9000\.000	9000\.000	9000\.000	9000\.000	0$'

run "$LOGTOOL" analyze --format tsv --min-requests 3 few.log
expect_out '	9000\.000	1$'

run "$LOGTOOL" analyze --format json few.log
tail -n 1 out | grep -q '"slow":0,' || fail "summary counts a slow window"
