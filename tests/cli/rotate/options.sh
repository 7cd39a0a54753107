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
