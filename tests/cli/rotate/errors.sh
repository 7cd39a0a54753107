# Write errors (file size limit, full file system) fail the bundle, remove
# its temporary file and keep the originals; a later run succeeds.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/rotate/make-logs.inc"
export LOGTOOL_NOW=2025-12-20T12:00

# Hex text of random bytes: it compresses to about half its size.
random_log() {
	od -An -tx1 -v -N "$2" /dev/urandom | sed "s/^/$(basename "$1") /" >"$1"
}

mkdir logs
random_log logs/aura-api-20251201.log 200000
random_log logs/errors-20251201.log 200000
make_log logs aura-api-20251202.log 10
cksum logs/*.log >before

# EFBIG: a 64 KiB file size limit (ulimit -f counts 512-byte blocks).
run sh -c 'ulimit -f 128 && exec "$0" rotate logs' "$LOGTOOL"
expect_status 1
expect_err "cannot write 'archive/\.aura-logs-20251201\.tar\.gz\.tmp\.[0-9]+' while adding '[a-z-]+20251201\.log': File too large"
expect_err "kept the originals of 'archive/aura-logs-20251201.tar.gz'"
# The small day fits and is archived.
expect_out 'archived aura-api-20251202.log'
[ ! -e logs/archive/aura-logs-20251201.tar.gz ] || fail "partial bundle"
ls -a logs/archive | grep -q '\.tmp\.' && fail "temporary file left over"
cksum logs/aura-api-20251201.log logs/errors-20251201.log >now
grep -v 20251202 before | cmp -s - now || fail "originals changed"

run "$LOGTOOL" rotate logs
expect_status 0
expect_out 'removed errors-20251201.log'

# ENOSPC: a 256 KiB tmpfs as the archive directory, where root may mount.
mkdir small
if ! mount -t tmpfs -o size=256k tmpfs small 2>/dev/null; then
	echo "note: cannot mount a tmpfs; the ENOSPC case is skipped"
	exit 0
fi
trap 'umount small 2>/dev/null' EXIT
random_log logs/aura-api-20251203.log 400000
cksum logs/aura-api-20251203.log >before
run "$LOGTOOL" rotate --archive-dir small logs
expect_status 1
expect_err "cannot write 'small/\.aura-logs-20251203\.tar\.gz\.tmp\.[0-9]+' while adding 'aura-api-20251203\.log': No space left on device"
[ -z "$(ls -A small | grep -v "^\.lock$")" ] ||
    fail "files left in the full archive dir: $(ls -A small)"
cksum logs/aura-api-20251203.log | cmp -s - before || fail "original changed"

mount -o remount,size=4m small
run "$LOGTOOL" rotate --archive-dir small logs
expect_status 0
expect_out 'archived aura-api-20251203.log -> small/aura-logs-20251203.tar.gz'
