# Files that are symbolic links, hard-linked or open for writing are
# rejected with a reason and kept.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/rotate/make-logs.inc"
export LOGTOOL_NOW=2025-12-20T12:00

mkdir logs elsewhere
make_log elsewhere target.log 10
ln -s ../elsewhere/target.log logs/aura-api-20251201.log
make_log logs errors-20251201.log 10
ln logs/errors-20251201.log elsewhere/second-name.log
make_log logs aura-api-20251202.log 10
make_log logs aura-api-20251203.log 10
mkdir logs/errors-20251203.log

# A writer holding the file open for appending under another name.
ln -s "$PWD/logs/aura-api-20251202.log" alias.log
sh -c 'exec 3>>alias.log; exec sleep 30' &
writer=$!
trap 'kill $writer 2>/dev/null' EXIT
wait_open $writer aura-api-20251202.log

run "$LOGTOOL" rotate logs
expect_status 1
expect_err "rejected 'aura-api-20251201.log': it is a symbolic link"
expect_err "rejected 'errors-20251201.log': it has 2 hard links"
expect_err "rejected 'aura-api-20251202.log': a process has it open for writing"
expect_err "rejected 'errors-20251203.log': not a regular file"
expect_out 'archived aura-api-20251203.log'
[ -L logs/aura-api-20251201.log ] || fail "symbolic link removed"
[ -f elsewhere/target.log ] || fail "link target removed"
[ -f logs/errors-20251201.log ] || fail "hard-linked file removed"
[ -f logs/aura-api-20251202.log ] || fail "open file removed"

# A reader does not block archiving.
kill $writer
wait $writer 2>/dev/null
sh -c 'exec 3<logs/aura-api-20251202.log; exec sleep 30' &
writer=$!
wait_open $writer aura-api-20251202.log
run "$LOGTOOL" rotate logs
expect_out 'archived aura-api-20251202.log'
