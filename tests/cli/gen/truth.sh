# The ground-truth file matches the generated lines and shows the incident.
. "$TESTS/cli/lib.sh"

run "$LOGGEN" --truth truth.tsv logs
expect_status 0
expect_err_empty
head -n 1 truth.tsv | grep -q \
    '^window_start	requests	failed	failed_pct	health	p95_ms$' ||
    fail "unexpected truth header: $(head -n 1 truth.tsv)"

# The default incident: 2025-12-02 14:05-14:25 at +01:00, 13:05Z.
max=$(awk -F '\t' 'NR > 1 && $4 > m { m = $4; w = $1 }
    END { print w, m }' truth.tsv)
case $max in
2025-12-02T13:[012]?:00Z*) ;;
*) fail "highest failure rate outside the incident: $max" ;;
esac
awk -F '\t' 'NR > 1 && $1 ~ /^2025-12-02T13:(05|10|15|20)/ && $4 <= 5 {
    exit 1 }' truth.tsv || fail "an incident window is at or below 5%"

# Outside the incident, 0.3% to 0.8% of requests fail.
awk -F '\t' 'NR > 1 && $1 !~ /^2025-12-02T13:(05|10|15|20|25)/ {
    r += $2; f += $3 } END { p = 100 * f / r
    if (p < 0.3 || p > 0.8) { print p; exit 1 } }' truth.tsv ||
    fail "base failure rate out of range"

# The request count equals the completion lines in aura-api, without
# health probes and without the [CorrelationId: ...] copies.
completion='\] (Request completed: |Request failed: |Response: |HTTP [A-Z]+ )'
health=' GET /(health|healthz|api/health/ready) '
lines=$(cat logs/aura-api-*.log | grep -E "$completion" |
    grep -v '\[CorrelationId: ' | grep -Ev "$health" | wc -l)
total=$(awk -F '\t' 'NR > 1 { r += $2 } END { print r }' truth.tsv)
[ "$lines" -eq "$total" ] ||
    fail "truth counts $total requests, the logs have $lines"
failure='\] (Request completed: .* - 5[0-9][0-9] in |Request failed: '
failure="$failure"'|Response: .* 5[0-9][0-9] in |HTTP [A-Z]+ .* responded 5)'
failed=$(cat logs/aura-api-*.log | grep -E '^\[[^]]*\] \[ERR\] ' |
    grep -E "$failure" | grep -v '\[CorrelationId: ' | wc -l)
tfailed=$(awk -F '\t' 'NR > 1 { f += $3 } END { print f }' truth.tsv)
[ "$failed" -eq "$tfailed" ] ||
    fail "truth counts $tfailed failed requests, the logs have $failed"

# The copies exist, so analyzers have something not to count twice.
grep -q '\[CorrelationId: [0-9a-f-]*\] {' logs/aura-api-20251201.log ||
    fail "no [CorrelationId: ...] copy lines"

# --incident none: no window reaches the incident's level.
run "$LOGGEN" --days 1 --incident none --truth quiet.tsv quiet
expect_status 0
awk -F '\t' 'NR > 1 && $2 >= 100 && $4 > 5 { exit 1 }' quiet.tsv ||
    fail "a busy window above 5% without an incident"

# Two incidents given by hand.
run "$LOGGEN" --days 1 --incident 2025-12-01T09:00/10m/20 \
    --incident 2025-12-01T16:30:00/5m/30 --truth two.tsv two
expect_status 0
grep -q '^2025-12-01T08:00:00Z' two.tsv || fail "no 08:00Z window"
awk -F '\t' '$1 == "2025-12-01T08:00:00Z" && $4 > 10 { a = 1 }
    $1 == "2025-12-01T15:30:00Z" && $4 > 10 { b = 1 }
    END { exit !(a && b) }' two.tsv || fail "the two incidents are missing"

# p95_ms is the nearest-rank 95th percentile of the shown durations. The
# incident's pool timeouts (15 s) push it above 2000 ms.
awk -F '\t' '$1 ~ /^2025-12-02T13:(05|10|15|20)/ && $6 <= 2000 { exit 1 }' \
    truth.tsv || fail "an incident window has p95 at or below 2000 ms"
awk -F '\t' 'NR > 1 && $2 > 0 && $6 == "-" { exit 1 }
    NR > 1 && $2 == 0 && $6 != "-" { exit 1 }' truth.tsv ||
    fail "p95_ms is missing for a window with requests, or present without"
# One window recomputed from the lines: 2025-12-01 10:00-10:05 local.
grep -E '^\[2025-12-01 10:0[0-4]' logs/aura-api-20251201.log |
    grep -E "$completion" | grep -v '\[CorrelationId: ' |
    grep -Ev "$health" |
    sed -E 's/.*( in | after )([0-9.]+) ?ms.*/\2/' | sort -g >durations
n=$(wc -l <durations)
rank=$(( (n * 95 + 99) / 100 ))
want=$(sed -n "${rank}p" durations)
got=$(awk -F '\t' '$1 == "2025-12-01T09:00:00Z" { print $6 }' truth.tsv)
awk -v a="$want" -v b="$got" 'BEGIN { d = a - b; exit !(d < 0.001 &&
    d > -0.001) }' || fail "p95 of 09:00Z is $got, the lines give $want"
