# copytruncate where fallocate(FALLOC_FL_COLLAPSE_RANGE) is not available
# (tmpfs): a warning names the risk, the rotated file has every line, and
# the live file is truncated to zero bytes in place. Needs a tmpfs mount,
# so it is skipped where this user may not mount one.
. "$TESTS/cli/lib.sh"
export LOGTOOL_NOW=2025-12-03T12:00

mkdir fs
mount -t tmpfs -o size=8m tmpfs fs 2>/dev/null ||
    skip "cannot mount a tmpfs here"
trap 'umount fs 2>/dev/null' EXIT

i=0
while [ $i -lt 5000 ]; do
	echo "2025-12-03 11:00:00.000 +00:00 [INF] line $i"
	i=$((i + 1))
done >fs/app.log
cp fs/app.log expected.log
ino=$(stat -c %i fs/app.log)

run "$LOGTOOL" rotate --live --method copytruncate --compress none fs/app.log
expect_status 0
expect_err "^logtool: warning: 'fs/app.log' is not on ext4 or XFS, so copytruncate truncates it and loses lines written in the instant between the last copy and the truncation$"
expect_out " copied fs/app.log -> fs/app.log.20251203 \([0-9]+ bytes\) and truncated fs/app.log$"
cmp -s expected.log fs/app.log.20251203 || fail "rotated file differs"
[ -f fs/app.log ] && [ ! -s fs/app.log ] || fail "live file not truncated"
[ "$(stat -c %i fs/app.log)" = "$ino" ] || fail "live file was replaced"

# A second run with new lines numbers the next rotated file.
echo "2025-12-03 11:30:00.000 +00:00 [INF] later" >>fs/app.log
run "$LOGTOOL" rotate --live --method copytruncate --compress gzip fs/app.log
expect_status 0
[ "$(gzip -dc fs/app.log.20251203.1.gz)" = \
    "2025-12-03 11:30:00.000 +00:00 [INF] later" ] ||
    fail "second rotated file: $(ls fs)"
