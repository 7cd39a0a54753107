# logtool cat on damaged sources: the records read before a damaged part
# are printed, trailing bytes after zstd frames are ignored with a
# warning, and one unreadable file does not hide the rest of a directory.
. "$TESTS/cli/lib.sh"

seq 1 3000 | sed 's/^/2025-12-01 10:00:00.000 +00:00 [INF] line /' >plain.log

# A zstd file followed by bytes that are not a frame: the data is
# printed, and the warning makes the exit status 1 (gzip -d exits
# non-zero for trailing garbage too).
zstd -q -c plain.log >junk.log.zst
printf 'not a frame\n' >>junk.log.zst
run "$LOGTOOL" cat junk.log.zst
expect_status 1
expect_err "warning: 'junk.log.zst': trailing bytes after zstd data ignored"
cmp -s out plain.log || fail "records before the trailing bytes differ"

# A wrong check value at the end of a gzip member: every record decoded
# before it is printed, then the error.
gzip -c plain.log >crc.gz
size=$(wc -c <crc.gz)
{ head -c $((size - 8)) crc.gz; printf 'XXXX'; tail -c 4 crc.gz; } >bad.gz
run "$LOGTOOL" cat bad.gz
expect_status 1
expect_err "invalid gzip data in 'bad.gz': incorrect data check"
cmp -s out plain.log || fail "records before the bad gzip check differ"

# A file that cannot be read in a directory: the next one is still read.
# As root every file is readable, so the test runs as nobody when it can.
mkdir logs
cp plain.log logs/aura-api-20251201.log
cp plain.log logs/aura-api-20251202.log
chmod 000 logs/aura-api-20251201.log
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || skip "setpriv not found"
	chmod 755 . logs
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$LOGTOOL" --help >/dev/null 2>&1 ||
	    skip "cannot run logtool as nobody"
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$LOGTOOL" cat -f tsv logs
else
	run "$LOGTOOL" cat -f tsv logs
fi
expect_status 1
expect_err "warning: cannot open 'logs/aura-api-20251201.log'"
expect_err "cannot read 1 of the files in 'logs'"
expect_out "logs/aura-api-20251202.log	3000	line 3000"
exit 0
