# The real logrotate(8) rotates a live file and its hooks call logtool:
# postrotate prints the rotated file with `logtool cat`, lastaction
# archives the closed Serilog files. No line is lost on the way.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/rotate/make-logs.inc"
command -v logrotate >/dev/null || skip "logrotate not installed"
export LOGTOOL_NOW=2025-12-20T12:00

mkdir logs
make_days logs 300 20251201 20251202
make_log logs access.log 500
all_lines logs | sort >before

cat >rotate.conf <<EOT
$PWD/logs/access.log {
	rotate 3
	missingok
	notifempty
	nocompress
	create 0640
	postrotate
		"$LOGTOOL" cat "$PWD/logs/access.log.1" >"$PWD/hook-cat.out"
	endscript
	lastaction
		"$LOGTOOL" rotate "$PWD/logs" >"$PWD/hook-rotate.out" 2>&1
	endscript
}
EOT
chmod 644 rotate.conf
run logrotate -s state -f rotate.conf
expect_status 0

[ -f logs/access.log.1 ] || fail "logrotate did not rotate: $(ls logs)"
[ -f logs/access.log ] || fail "logrotate did not create the new file"
cmp -s logs/access.log.1 hook-cat.out ||
    fail "postrotate output differs from the rotated file"
grep -q 'archived aura-api-20251201.log -> archive/aura-logs-20251201.tar.gz' \
    hook-rotate.out || fail "lastaction did not archive: $(cat hook-rotate.out)"
[ ! -e logs/aura-api-20251201.log ] || fail "original left after archiving"

extract_all logs/archive x
all_lines logs x | sort >after
cmp -s before after || fail "lines lost or duplicated"
