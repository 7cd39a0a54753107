# Usage errors, --help, --dry-run, week and month bundles, zstd.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/rotate/make-logs.inc"
export LOGTOOL_NOW=2025-12-10T12:00

run "$LOGTOOL" rotate --help
expect_status 0
expect_out '^usage: logtool rotate'

run "$LOGTOOL" rotate
expect_status 2
expect_err 'missing LOGDIR'
run "$LOGTOOL" rotate --bundle year logs
expect_status 2
expect_err "invalid --bundle 'year'"
run "$LOGTOOL" rotate --compress lzma logs
expect_status 2
run "$LOGTOOL" rotate --keep-days x logs
expect_status 2
run "$LOGTOOL" rotate --family 'bad/name' logs
expect_status 2
run "$LOGTOOL" rotate --nope logs
expect_status 2
# A missing LOGDIR, or a file in its place, is invalid input.
run "$LOGTOOL" rotate nosuchdir
expect_status 2
expect_err "^logtool: cannot open log directory 'nosuchdir': No such file or directory$"
run "$LOGTOOL" rotate nosuchdir/logs
expect_status 2
expect_err "^logtool: cannot open log directory 'nosuchdir/logs': No such file or directory$"
echo 'w 1 x' >app.log
run "$LOGTOOL" rotate app.log
expect_status 2
expect_err "^logtool: log directory 'app.log' is a file: use 'logtool rotate --live' to rotate a file that a writer keeps open$"
[ -f app.log ] || fail "the file given as LOGDIR was touched"

mkdir logs
make_days logs 100 20251130 20251201 20251207 20251208
find logs | sort >before
run "$LOGTOOL" rotate --dry-run --bundle week logs
expect_status 0
expect_out 'would archive aura-api-20251130.log -> archive/aura-logs-2025W48.tar.gz$'
expect_out 'would archive aura-api-20251201.log -> archive/aura-logs-2025W49.tar.gz$'
expect_out 'would archive aura-api-20251207.log -> archive/aura-logs-2025W49.tar.gz$'
expect_out 'would archive errors-20251208.log -> archive/aura-logs-2025W50.tar.gz$'
expect_out 'would remove errors-20251208.log$'
find logs | sort >after
cmp -s before after || fail "--dry-run changed the folder"

run "$LOGTOOL" rotate --bundle month --compress zstd logs
expect_status 0
expect_out 'archived aura-api-20251130.log -> archive/aura-logs-202511.tar.zst$'
expect_out 'archived errors-20251208.log -> archive/aura-logs-202512.tar.zst$'
[ "$(head -c 4 logs/archive/aura-logs-202512.tar.zst | od -An -tx1 | tr -d ' ')" = 28b52ffd ] ||
    fail "zstd bundle lacks the zstd magic"
mkdir x
tar --zstd -xf logs/archive/aura-logs-202512.tar.zst -C x
(cd x && sha256sum -c --quiet MANIFEST.sha256) || fail "manifest check failed"
[ "$(ls x | wc -l)" -eq 7 ] || fail "month bundle has $(ls x | wc -l) entries"

# --archive-dir elsewhere, shown as given.
mkdir logs2
make_days logs2 10 20251201
run "$LOGTOOL" rotate --archive-dir arch2 logs2
expect_status 0
expect_out 'archived aura-api-20251201.log -> arch2/aura-logs-20251201.tar.gz$'
[ -f arch2/aura-logs-20251201.tar.gz ] || fail "bundle not in --archive-dir"

# Bundles are reproducible, so a bundle equal to one written with an
# explicit --level shows the default level: zstd 1, gzip 6.
for lv in default 1 3 6; do
	mkdir "lv$lv"
	make_log "lv$lv" aura-api-20251201.log 20000
	touch -d '2025-12-01 12:00' "lv$lv/aura-api-20251201.log"
done
# bundle_with DIR OPTION...: rotates DIR with the options, or fails.
bundle_with() {
	_dir=$1
	shift
	"$LOGTOOL" rotate "$@" "$_dir" >/dev/null || fail "rotate $* failed"
}
bundle_with lvdefault --compress zstd
bundle_with lv1 --compress zstd --level 1
bundle_with lv3 --compress zstd --level 3
zst=archive/aura-logs-20251201.tar.zst
cmp -s "lvdefault/$zst" "lv1/$zst" ||
    fail "default zstd bundle differs from --level 1"
! cmp -s "lv1/$zst" "lv3/$zst" ||
    fail "zstd levels 1 and 3 wrote equal bundles"
rm -rf lvdefault/archive
make_log lvdefault aura-api-20251201.log 20000
touch -d '2025-12-01 12:00' lvdefault/aura-api-20251201.log
bundle_with lvdefault
bundle_with lv6 --level 6
gz=archive/aura-logs-20251201.tar.gz
# Bytes 4-7 of a gzip header are the time it was written, so the
# comparison starts after the 10-byte header.
cmp -s -i 10 "lvdefault/$gz" "lv6/$gz" ||
    fail "default gzip bundle differs from --level 6"

run "$LOGTOOL" rotate --level 10 logs
expect_status 2
expect_err "^logtool: invalid --level '10' for gzip: expected 1 to 9$"
run "$LOGTOOL" rotate --compress zstd --level 23 logs
expect_status 2
run "$LOGTOOL" rotate --compress zstd --level 0 logs
expect_status 2
expect_err "^logtool: invalid --level '0' for zstd: expected 1 to 22$"
