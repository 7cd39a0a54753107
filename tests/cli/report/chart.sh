# The chart: bars stay visible over long spans, threshold labels stay
# above the x axis, and the rate axis has round ticks.
. "$TESTS/cli/lib.sh"

# Ten days, one request every 5 minutes: 2,880 windows for an 810-pixel
# plot. The request at 00:00 of each day fails.
awk 'BEGIN {
	for (m = 0; m < 2880; m++) {
		d = 1 + int(m / 288); mm = (m % 288) * 5
		s = (m % 288 == 0) ? 500 : 200
		printf "2025-01-%02d %02d:%02d:00.000 +00:00 [INF] " \
		    "HTTP GET /a responded %d in 5 ms\n", d, mm / 60, mm % 60, s
	}
}' >long.log

run "$LOGTOOL" analyze --format tsv --min-requests 1 --svg long.svg long.log
grep 'fill="#7a9cc6"/>' long.svg >bars
[ -s bars ] || fail "no bars in the chart"
[ "$(wc -l <bars)" -le 810 ] || fail "more bars than pixels: $(wc -l <bars)"
sed 's/.* width="\([0-9.]*\)".*/\1/' bars | awk '$1 < 1 { bad++ }
    END { exit bad > 0 }' || fail "a bar narrower than one pixel"

# The x axis is the line at y = 304 (360 high, 56 below the plot).
grep -q '<line x1="70.0" y1="304.0" x2="880.0" y2="304.0"' long.svg ||
    fail "x axis not where expected"
grep 'above [0-9.]*%</text>' long.svg >labels
[ "$(wc -l <labels)" -eq 2 ] || fail "expected 2 threshold labels"
sed 's/.* y="\([0-9.]*\)".*/\1/' labels | awk '$1 > 300 { bad++ }
    END { exit bad > 0 }' || fail "a threshold label reaches the x axis"

# 10 of 69 requests failed: a top rate of 14.49% gets ticks of 4%.
{
	i=0
	while [ $i -lt 69 ]; do
		s=200
		[ $i -lt 10 ] && s=500
		printf '2025-01-01 00:00:%02d.000 +00:00 [INF] HTTP GET /a' \
		    $((i % 60))
		printf ' responded %d in 5 ms\n' $s
		i=$((i + 1))
	done
} >rate.log
run "$LOGTOOL" analyze --format tsv --svg rate.svg rate.log
for tick in 16 12 8 4 0; do
	grep -q "fill=\"#c0392b\">$tick%</text>" rate.svg ||
	    fail "no rate tick $tick%"
done
exit 0
