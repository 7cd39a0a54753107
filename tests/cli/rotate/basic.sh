# Archiving closed files into daily bundles, leaving open and future ones.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/rotate/make-logs.inc"
export LOGTOOL_NOW=2025-12-03T12:00

mkdir logs
make_days logs 500 20251201 20251202 20251203
make_log logs aura-api-20251203_001.log 10
make_log logs aura-api-20251204.log 10
make_log logs warnings-20251201.log 10
all_lines logs | sort >before

run "$LOGTOOL" rotate logs
expect_status 0
expect_err_empty
expect_out 'archived aura-api-20251201.log -> archive/aura-logs-20251201.tar.gz$'
expect_out 'removed aura-api-20251201.log$'
expect_out 'archived errors-20251202.log -> archive/aura-logs-20251202.tar.gz$'
expect_out 'archived aura-api-20251203.log -> archive/aura-logs-20251203.tar.gz$'
expect_no_out 'errors-20251203.log'
expect_no_out 'aura-api-20251203_001.log'
expect_no_out 'aura-api-20251204.log'
expect_no_out 'warnings'
# Not a terminal: each action line starts with an ISO 8601 time.
expect_out '^2025-12-03T12:00:00.000Z archived '

[ -f logs/errors-20251203.log ] || fail "open file of today was touched"
[ -f logs/aura-api-20251203_001.log ] || fail "highest sequence was touched"
[ -f logs/aura-api-20251204.log ] || fail "future file was touched"
[ -f logs/warnings-20251201.log ] || fail "other family was touched"
[ ! -e logs/aura-api-20251201.log ] || fail "archived original still there"
ls -a logs/archive | grep -q '\.tmp\.' && fail "temporary file left over"

extract_all logs/archive x
[ -f x/aura-logs-20251201.tar.gz/errors-20251201.log ] ||
    fail "bundle lacks errors-20251201.log"
all_lines logs x | sort >after
cmp -s before after || fail "lines differ after rotation"

# Members keep their mode and mtime.
touch -d '2025-11-30 08:00' logs/warnings-20251201.log
chmod 640 logs/warnings-20251201.log
run "$LOGTOOL" rotate --family warnings logs
expect_status 0
expect_out 'archived warnings-20251201.log'
tar -tvzf logs/archive/aura-logs-20251201.tar.gz >listing
grep -q '^-rw-r----- .* 2025-11-30 08:00 warnings-20251201.log' listing ||
    fail "member mode or mtime not kept: $(cat listing)"
perm=$(stat -c %a logs/archive/aura-logs-20251201.tar.gz)
[ "$perm" = 640 ] || fail "bundle mode $perm, expected 640"

# A second run has nothing to do; --syslog works without a syslog daemon.
run "$LOGTOOL" rotate --syslog logs
expect_status 0
expect_out_lines 0

# Today's size-rolled files are closed except the highest sequence, in
# whatever order the directory lists them.
mkdir rolled
for s in _002 _005 _004 _001 "" _003; do
	make_log rolled "aura-api-20251203$s.log" 10
done
run "$LOGTOOL" rotate rolled
expect_status 0
for s in "" _001 _002 _003 _004; do
	expect_out "archived aura-api-20251203$s.log -> archive/aura-logs-20251203.tar.gz$"
	[ ! -e "rolled/aura-api-20251203$s.log" ] ||
	    fail "closed file aura-api-20251203$s.log left in place"
done
expect_no_out '_005'
[ -f rolled/aura-api-20251203_005.log ] || fail "open file _005 was touched"
