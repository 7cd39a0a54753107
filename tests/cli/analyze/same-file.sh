# A file read twice (named twice, through a link, or named and also in a
# folder operand) is counted once, with one warning per operand. So is a
# copy with the same bytes: a .gz copy, or a bundle beside its extracted
# files. A copy that differs, even after its first 64 KiB, counts again.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 20 logs >/dev/null || fail "aura-loggen failed"
run "$LOGTOOL" analyze --format tsv --min-requests 0 logs
cp out once.tsv

run "$LOGTOOL" analyze --format tsv --min-requests 0 \
    logs/aura-api-20251201.log logs/aura-api-20251201.log
expect_err "^logtool: warning: 'logs/aura-api-20251201.log' was already read; it is counted once$"
[ "$(wc -l <err)" -eq 1 ] || fail "expected one warning"
cp out named-twice.tsv
run "$LOGTOOL" analyze --format tsv --min-requests 0 \
    logs/aura-api-20251201.log
cmp -s out named-twice.tsv || fail "a file named twice counts twice"

run "$LOGTOOL" analyze --format tsv --min-requests 0 logs \
    logs/errors-20251201.log logs
cmp -s once.tsv out || fail "a folder named twice counts twice"
expect_err "^logtool: warning: 'logs/errors-20251201.log' was already read; it is counted once$"
expect_err "^logtool: warning: 'logs': 2 files were already read under this or another name, or have the content of one read before; each is counted once$"

ln -s logs/errors-20251201.log link.log
run "$LOGTOOL" analyze --format tsv --min-requests 0 link.log logs
cmp -s once.tsv out || fail "a link and its file count twice"
expect_err "'logs/errors-20251201.log' is the same file as 'link.log'; it is counted once"

tar -cf b.tar -C logs .
run "$LOGTOOL" analyze --format tsv --min-requests 0 b.tar b.tar
cmp -s once.tsv out || fail "a bundle named twice counts twice"
expect_err "^logtool: warning: 'b.tar': 2 files were already read"

# A compressed copy has the same bytes once decompressed.
gzip -c logs/aura-api-20251201.log >copy.log.gz
run "$LOGTOOL" analyze --format tsv --min-requests 0 \
    logs/aura-api-20251201.log copy.log.gz
cmp -s named-twice.tsv out || fail "a compressed copy counts twice"
expect_err "^logtool: warning: 'copy.log.gz' has the same content as 'logs/aura-api-20251201.log'; it is counted once$"

# A bundle beside the files it was made from, in one folder.
mkdir both
cp logs/*.log both/
tar -czf both/aura-logs-20251201.tar.gz -C logs .
run "$LOGTOOL" analyze --format tsv --min-requests 0 both
cmp -s once.tsv out || fail "a bundle beside its files counts twice"
expect_err "^logtool: warning: 'both': 2 files were already read under this or another name, or have the content of one read before; each is counted once$"

# A copy that grew past the first 64 KiB is another log: its requests
# count again, and nothing is skipped.
cp logs/aura-api-20251201.log grown.log
tail -n 20 logs/aura-api-20251201.log >>grown.log
run "$LOGTOOL" analyze --format json --min-requests 0 grown.log
grep '"type":"summary"' out | grep -o '"requests":[0-9]*' >one
run "$LOGTOOL" analyze --format json --min-requests 0 \
    logs/aura-api-20251201.log grown.log
expect_no_err "counted once"
grep '"type":"summary"' out | grep -o '"requests":[0-9]*' >two
# Only its requests at WRN or above are repeats of the first file's.
[ "$(cut -d: -f2 <two)" -gt "$(cut -d: -f2 <one)" ] ||
    fail "a grown copy: $(cat two), alone $(cat one)"
cp two grown-plain

# The same, with the grown copy inside a bundle, which is read again.
tar -cf grown.tar grown.log
run "$LOGTOOL" analyze --format json --min-requests 0 \
    logs/aura-api-20251201.log grown.tar
grep '"type":"summary"' out | grep -o '"requests":[0-9]*' >two
cmp -s two grown-plain ||
    fail "a grown copy in a bundle: $(cat two), as a file $(cat grown-plain)"

# A copy is found after an earlier source that only starts like it (a
# backup of the first part of the day).
head -c 70000 logs/aura-api-20251201.log >part.log
run "$LOGTOOL" analyze --format tsv --min-requests 0 part.log \
    logs/aura-api-20251201.log
cp out part-and-full.tsv
run "$LOGTOOL" analyze --format tsv --min-requests 0 part.log \
    logs/aura-api-20251201.log copy.log.gz
cmp -s part-and-full.tsv out || fail "the copy after a partial one counts"
expect_err "'copy.log.gz' has the same content as 'logs/aura-api-20251201.log'"

# Two members of one name in a bundle (tar -r appends an update) are two
# sources.
mkdir m
head -n 5 logs/aura-api-20251201.log >m/aura-api-20251201.log
tar -cf twice.tar -C m aura-api-20251201.log
tail -n 5 logs/aura-api-20251201.log >m/aura-api-20251201.log
tar -rf twice.tar -C m aura-api-20251201.log
run "$LOGTOOL" analyze --format json --min-requests 0 twice.tar
expect_no_err "counted once"
grep -q '"type":"summary".*"entries":10,' out ||
    fail "both members of one name were not read: $(tail -n 1 out)"
