# index: the same bytes reached by another path, after a rename, after
# compression or as a bundle member are recognised and add nothing.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 5 --families aura-api logs || fail "loggen"
f=$(ls logs/aura-api-*.log)
base=$(basename "$f")

run "$LOGTOOL" index --db t.db "$f"
expect_status 0
total=$("$LOGTOOL" query --db t.db --count)

mkdir other
cp "$f" other/copy.log
run "$LOGTOOL" index --db t.db other/copy.log
expect_err '0 records added, 1 source already indexed'

mv "$f" logs/renamed-20251201.log
run "$LOGTOOL" index --db t.db logs/renamed-20251201.log
expect_err '0 records added, 1 source already indexed'

gzip -c logs/renamed-20251201.log >"logs/$base.gz"
run "$LOGTOOL" index --db t.db "logs/$base.gz"
expect_status 0
expect_err '0 records added, 1 source already indexed'

zstd -q -c logs/renamed-20251201.log >"logs/$base.zst"
run "$LOGTOOL" index --db t.db "logs/$base.zst"
expect_err '0 records added, 1 source already indexed'

cp logs/renamed-20251201.log "$base"
tar czf bundle.tar.gz "$base"
run "$LOGTOOL" index --db t.db bundle.tar.gz
expect_status 0
expect_err '0 records added, 1 source already indexed'

run "$LOGTOOL" index --db t.db - <logs/renamed-20251201.log
expect_status 0
expect_err '0 records added, 1 source already indexed'

run "$LOGTOOL" query --db t.db --count
expect_out "^$total\$"

# Every name the content was reached by is remembered.
run "$LOGTOOL" sql --db t.db 'SELECT count(*) FROM sources'
expect_out '^7$'
run "$LOGTOOL" sql --db t.db 'SELECT count(*) FROM contents'
expect_out '^1$'
run "$LOGTOOL" query --db t.db --source "bundle.tar.gz:$base" --count
expect_out "^$total\$"
# A bundle member that is a prefix of an earlier member is new content.
# A member cannot be opened again, so the bytes read while checking the
# earlier member are replayed. The same files in a folder give the same
# index.
mkdir pre
"$LOGGEN" --days 1 --rate 5 --families errors gen >/dev/null || fail "loggen"
e=$(ls gen/errors-*.log | head -n 1)
head -c 10240 "$e" >pre/errors-20251201.log
head -c 4900 "$e" >pre/errors-20251201_001.log
touch -d '2025-12-01 12:00' pre/*.log
tar -cf pre.tar -C pre errors-20251201.log errors-20251201_001.log
run "$LOGTOOL" index --db pre-tar.db pre.tar
expect_status 0
expect_err 'indexed 2 sources'
"$LOGTOOL" index -q --db pre-dir.db pre || fail "index pre"
for db in pre-tar.db pre-dir.db; do
	"$LOGTOOL" query --db "$db" --format tsv | cut -f 1-3 >"$db.tsv"
	"$LOGTOOL" sql --db "$db" 'SELECT count(*) FROM event_sources' \
	    >>"$db.tsv"
done
cmp -s pre-tar.db.tsv pre-dir.db.tsv ||
    fail "the bundle and the folder give other indexes"
exit 0
