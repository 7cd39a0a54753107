# --buffer-size: durations beyond it go to an unlinked temporary file in
# TMPDIR and give the same output, windows with more than SIZE/64
# durations get histogram percentiles, and a TMPDIR that cannot take the
# file is a one-line error.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 20 logs >/dev/null || fail "aura-loggen failed"
mkdir tmp

run "$LOGTOOL" analyze --format json --min-requests 0 logs
expect_status 1
cp out memory.json
expect_out '"latency_exact":true'
expect_no_out '"latency_exact":false'

# 16 KiB: the spool moves to a file, as the log has more than 2,048
# durations. Windows of up to 256 durations are still exact, and this
# log's busiest window has 225 requests.
run env TMPDIR="$PWD/tmp" "$LOGTOOL" analyze --format json \
    --min-requests 0 --buffer-size 16K logs
expect_status 1
cmp -s memory.json out || fail "output with a spool file differs:
$(diff memory.json out | head -n 6)"
[ -z "$(ls -A tmp)" ] || fail "a temporary file was left in TMPDIR"

# 0: no duration is kept in memory, and every window with durations
# reads its percentiles from a histogram. The counts stay the same.
run env TMPDIR="$PWD/tmp" "$LOGTOOL" analyze --format tsv \
    --min-requests 0 --buffer-size 0 logs
expect_status 1
cut -f 1-6,10 out >zero.counts
run "$LOGTOOL" analyze --format tsv --min-requests 0 logs
cut -f 1-6,10 out >memory.counts
cmp -s memory.counts zero.counts || fail "counts or maxima differ with 0"
run env TMPDIR="$PWD/tmp" "$LOGTOOL" analyze --format json \
    --min-requests 0 --buffer-size 0 logs
expect_out '"latency_exact":false'
expect_no_out '"p50_ms":[0-9.]+,.*"latency_exact":true'
run env TMPDIR="$PWD/tmp" "$LOGTOOL" analyze --format text \
    --min-requests 0 --buffer-size 0 logs
expect_out '^note: [0-9]+ windows have more than 0 durations, so their percentiles come from a histogram \(within 0.5%; raise --buffer-size for exact ones\)$'
run "$LOGTOOL" analyze --format text --min-requests 0 logs
expect_no_out 'come from a histogram'

# A TMPDIR that does not exist.
run env TMPDIR="$PWD/missing" "$LOGTOOL" analyze --buffer-size 0 logs
expect_status 2
expect_err "^logtool: cannot create a temporary file in $PWD/missing: No such file or directory; set TMPDIR"
[ "$(wc -l <err)" -eq 1 ] || fail "expected one line on stderr"

# report takes the option too, and its failed requests, kept in the
# temporary file, are the same as from memory.
run env TMPDIR="$PWD/tmp" "$LOGTOOL" report --buffer-size 0 -o r0.html logs
expect_status 0
grep -q '<svg' r0.html || fail "report without a chart"
grep -q 'windows have more than 0 durations' r0.html ||
    fail "report does not say its p95 comes from a histogram"
run "$LOGTOOL" report -o r.html logs
expect_status 0
failed_section() {
	awk '/<h2 id="failed">/ { p = 1; print; next } p && /^<h2/ { exit } p' "$1"
}
failed_section r.html >failed.html
failed_section r0.html >failed0.html
grep -q 'correlation id: <code' failed.html || fail "no failed request shown"
cmp -s failed.html failed0.html || fail "failed requests differ:
$(diff failed.html failed0.html | head -n 6)"

for bad in 12Q -1 '' 4MB; do
	run "$LOGTOOL" analyze --buffer-size "$bad" logs
	expect_status 2
	expect_err "invalid --buffer-size '$bad': expected a size"
done

# A full disk, where this user may mount a small tmpfs.
mkdir small
if mount -t tmpfs -o size=64k tmpfs small 2>/dev/null; then
	run env TMPDIR="$PWD/small" "$LOGTOOL" analyze --buffer-size 0 logs
	umount small
	expect_status 2
	expect_err "cannot write a temporary file in $PWD/small: No space left on device"
else
	echo "note: cannot mount a tmpfs here, full-disk case not run"
fi
