# A late file for a period that has a bundle, and an interrupted removal.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/rotate/make-logs.inc"
export LOGTOOL_NOW=2025-12-03T12:00

mkdir logs
make_days logs 200 20251201
run "$LOGTOOL" rotate logs
expect_status 0

make_log logs aura-api-20251201_001.log 50
run "$LOGTOOL" rotate logs
expect_status 0
expect_out 'archived aura-api-20251201_001.log -> archive/aura-logs-20251201.tar.gz$'
tar -tzf logs/archive/aura-logs-20251201.tar.gz >members
[ "$(cat members | tr '\n' ' ')" = "aura-api-20251201.log errors-20251201.log aura-api-20251201_001.log MANIFEST.sha256 " ] ||
    fail "members: $(cat members)"

# An original whose identical copy is already a member (a run stopped
# before removing it) is removed without adding it twice.
mkdir x
tar -xzf logs/archive/aura-logs-20251201.tar.gz -C x
cp -p x/errors-20251201.log logs/
run "$LOGTOOL" rotate logs
expect_status 0
expect_out 'found errors-20251201.log already in archive/aura-logs-20251201.tar.gz'
expect_out 'removed errors-20251201.log'
[ "$(tar -tzf logs/archive/aura-logs-20251201.tar.gz | grep -c errors)" -eq 1 ] ||
    fail "member added twice"

# A different file under a member's name is kept and reported.
make_log logs errors-20251201.log 7
run "$LOGTOOL" rotate logs
expect_status 1
expect_err "already has a different member of that name"
[ -f logs/errors-20251201.log ] || fail "conflicting file removed"

# A damaged bundle is not merged into; the late file is kept.
rm logs/errors-20251201.log
make_log logs aura-api-20251201_002.log 5
head -c 300 logs/archive/aura-logs-20251201.tar.gz >cut
cat cut >logs/archive/aura-logs-20251201.tar.gz
run "$LOGTOOL" rotate logs
expect_status 1
expect_err "kept the originals of 'archive/aura-logs-20251201.tar.gz'"
[ -f logs/aura-api-20251201_002.log ] || fail "late file removed"
ls -a logs/archive | grep -q '\.tmp\.' && fail "temporary file left over"
exit 0
