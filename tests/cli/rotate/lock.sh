# One run per archive directory: a second run fails at once, or waits
# with --wait.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/rotate/make-logs.inc"
export LOGTOOL_NOW=2025-12-20T12:00

mkdir -p logs/archive
make_days logs 10 20251201
: >logs/archive/.lock
# flock(1) holds the lock until the file "release" exists.
command -v flock >/dev/null || skip "flock(1) not installed"
flock logs/archive/.lock sh -c 'while [ ! -e release ]; do sleep 0.05; done' &
holder=$!
trap 'touch release' EXIT
while flock -n logs/archive/.lock true; do sleep 0.05; done

run "$LOGTOOL" rotate logs
expect_status 1
expect_err "^logtool: another rotate run holds 'logs/archive/.lock'; try again later or use --wait$"
[ -f logs/aura-api-20251201.log ] || fail "run without the lock archived"

run "$LOGTOOL" rotate --wait 1 logs
expect_status 1
expect_err "another rotate run holds"

(sleep 0.3 && touch release) &
run "$LOGTOOL" rotate --wait 30 logs
expect_status 0
expect_out 'archived aura-api-20251201.log'
wait $holder
