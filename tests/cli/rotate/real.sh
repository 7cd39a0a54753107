# Real Serilog files (BOM, CRLF, a huge event, JSON) survive a bundle
# round trip byte for byte, in both compressions. The files are copied
# into the scratch folder under rolling names, since rotate deletes them.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/rotate/make-logs.inc"
need_real
export LOGTOOL_NOW=2025-12-20T12:00

mkdir logs
n=0
for f in "$REAL"/*; do
	case $f in *.md) continue ;; esac
	n=$((n + 1))
	day=$(printf '202511%02d' "$n")
	cp "$f" "logs/aura-api-$day.log"
	cp "$f" "logs/errors-$day.log"
	echo "aura-api-$day.log $f" >>map
done
[ "$n" -gt 0 ] || skip "no real log files"

run "$LOGTOOL" rotate --bundle month logs
expect_status 0
expect_out 'archived aura-api-20251101.log -> archive/aura-logs-202511.tar.gz'
mkdir gz
tar -xzf logs/archive/aura-logs-202511.tar.gz -C gz
(cd gz && sha256sum -c --quiet MANIFEST.sha256) || fail "manifest check failed"
while read -r name src; do
	cmp -s "gz/$name" "$src" || fail "'$name' differs from '$src'"
done <map

# The same files again, late, into a zstd bundle of the next month.
while read -r name src; do
	cp "$src" "logs/$(echo "$name" | sed 's/202511/202512/')"
done <map
run "$LOGTOOL" rotate --bundle month --compress zstd logs
expect_status 0
mkdir zst
tar --zstd -xf logs/archive/aura-logs-202512.tar.zst -C zst
while read -r name src; do
	cmp -s "zst/$(echo "$name" | sed 's/202511/202512/')" "$src" ||
	    fail "zstd copy of '$src' differs"
done <map
