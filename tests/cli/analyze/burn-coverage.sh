# A burn-rate rule is evaluated only once its long window lies wholly in
# the data read, so a spike at the start of --since does not page.
. "$TESTS/cli/lib.sh"

# 12:00 to 14:00, ten requests a minute; 13:30 to 13:39 all failed.
awk 'BEGIN {
	for (m = 0; m < 120; m++) {
		h = 12 + int(m / 60); mm = m % 60
		s = (m >= 90 && m < 100) ? 500 : 200
		for (k = 0; k < 10; k++)
			printf "2025-12-03 %02d:%02d:%02d.000 +00:00 [INF] " \
			    "HTTP GET /a responded %d in 5 ms\n", h, mm, k, s
	}
}' >burn.log

run "$LOGTOOL" analyze --format text --slo 99.9 --since 2025-12-03T13:30Z \
    burn.log
expect_out '^burn rate against SLO 99\.9% .*: no rule fired$'
expect_out '^  page   1h/5m not evaluated: the input is shorter than 1h$'
expect_out '^  ticket 3d/6h not evaluated: the input is shorter than 3d$'
expect_no_out 'above 14\.4x'

# The whole log: the 1h window is covered from 13:00, and the spike pages.
run "$LOGTOOL" analyze --format text --slo 99.9 burn.log
expect_out '^  page   1h/5m evaluated from 2025-12-03T13:00:00Z$'
expect_out '^  page   1h/5m above 14\.4x: from 2025-12-03T13:31:00Z to '
expect_out '^  page   6h/30m not evaluated: the input is shorter than 6h$'

run "$LOGTOOL" analyze --format json --slo 99.9 --since 2025-12-03T13:30Z \
    burn.log
expect_out '"burn_rate":\[\]'
expect_out '\{"rule":"page","long":"1h","short":"5m","factor":14\.4,"evaluated_from":null\}'

# --since an hour before the first record: that hour had no requests, so
# the 1h window is covered from the first record on.
run "$LOGTOOL" analyze --format json --slo 99.9 \
    --since 2025-12-03T11:00Z burn.log
expect_out '"long":"1h","short":"5m","factor":14\.4,"evaluated_from":"2025-12-03T12:00:00Z"'
