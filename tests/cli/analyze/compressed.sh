# Compressed files, bundles and standard input give the same windows as
# the plain files.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 10 logs >/dev/null || fail "aura-loggen failed"
run "$LOGTOOL" analyze --format tsv --min-requests 0 logs
cp out plain.tsv

mkdir gz
for f in logs/*.log; do
	gzip -c "$f" >"gz/$(basename "$f").gz"
done
run "$LOGTOOL" analyze --format tsv --min-requests 0 gz
cmp -s plain.tsv out || fail "gzip files differ from plain ones"

tar -czf aura-logs-20251201.tar.gz -C logs . ||
    skip "tar cannot write gzip bundles"
run "$LOGTOOL" analyze --format tsv --min-requests 0 aura-logs-20251201.tar.gz
cmp -s plain.tsv out || fail "bundle differs from plain files"

cat logs/aura-api-*.log | "$LOGTOOL" analyze --format tsv --min-requests 0 \
    >stdin.tsv
cmp -s plain.tsv stdin.tsv || fail "standard input differs"
