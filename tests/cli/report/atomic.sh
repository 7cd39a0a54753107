# report -o and analyze --svg replace an earlier regular file only once
# the new one is complete: a full disk leaves the earlier file as it was
# and no temporary file behind.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 20 logs >/dev/null || fail "aura-loggen failed"
head -c 100000 logs/aura-api-20251201.log >small.log

mkdir dest
run "$LOGTOOL" report -o dest/r.html small.log
expect_status 0
run "$LOGTOOL" report -o dest/r.html logs
expect_status 0
run "$LOGTOOL" analyze --svg dest/c.svg small.log
[ "$(ls -A dest | sort | tr '\n' ' ')" = "c.svg r.html " ] ||
    fail "files left in the output folder: $(ls -A dest)"
grep -q '</html>' dest/r.html || fail "report incomplete"

# The file keeps its mode. A file with a second hard link is written in
# place, so the link shows the new report. So is a name too long for the
# temporary name beside it.
chmod 600 dest/r.html
ln dest/r.html dest/hard.html
run "$LOGTOOL" report -o dest/r.html small.log
expect_status 0
[ "$(stat -c %a dest/r.html)" = 600 ] || fail "mode not kept"
[ "$(stat -c %h dest/r.html)" = 2 ] || fail "the hard link was split"
cmp -s dest/r.html dest/hard.html || fail "the hard link was not written"
rm dest/hard.html
long=$(printf 'r%.0s' $(seq 250))
run "$LOGTOOL" analyze --svg "dest/$long.svg" small.log
grep -q '</svg>' "dest/$long.svg" || fail "a 254-byte name was not written"
rm "dest/$long.svg"

# A symbolic link is written through and stays a link, and standard
# output (a pipe here) is written in place.
echo old >target.html
ln -s target.html link.html
run "$LOGTOOL" report -o link.html small.log
expect_status 0
[ -L link.html ] || fail "the link was replaced"
grep -q '</html>' target.html || fail "the link's target was not written"
n=$("$LOGTOOL" report -o /dev/stdout small.log | grep -c '</html>')
[ "$n" -eq 1 ] || fail "report to standard output: $n"

mkdir fs
mount -t tmpfs -o size=64k tmpfs fs 2>/dev/null || {
	echo "note: cannot mount a tmpfs here, full-disk case not run"
	exit 0
}
trap 'umount fs 2>/dev/null' EXIT
run "$LOGTOOL" report -o fs/r.html small.log
expect_status 0
cp fs/r.html before.html
run "$LOGTOOL" report -o fs/r.html logs
expect_status 1
expect_err "^logtool: cannot write 'fs/r.html': No space left on device$"
cmp -s before.html fs/r.html || fail "the earlier report was changed"
run "$LOGTOOL" analyze --window 1m --svg fs/c.svg logs
expect_status 2
expect_err "^logtool: cannot write 'fs/c.svg': No space left on device$"
[ "$(ls -A fs)" = "r.html" ] || fail "files left behind: $(ls -A fs)"
