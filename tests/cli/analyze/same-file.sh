# A file read twice (named twice, through a link, or named and also in a
# folder operand) is counted once, with one warning per operand. A copy
# is another file and counts again.
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
expect_err "^logtool: warning: 'logs': 2 files were already read under this or another name; each is counted once$"

ln -s logs/errors-20251201.log link.log
run "$LOGTOOL" analyze --format tsv --min-requests 0 link.log logs
cmp -s once.tsv out || fail "a link and its file count twice"
expect_err "'logs/errors-20251201.log' is the same file as 'link.log'; it is counted once"

tar -cf b.tar -C logs .
run "$LOGTOOL" analyze --format tsv --min-requests 0 b.tar b.tar
cmp -s once.tsv out || fail "a bundle named twice counts twice"
expect_err "^logtool: warning: 'b.tar': 2 files were already read"

# A compressed copy has its own inode: successful requests count twice.
gzip -c logs/aura-api-20251201.log >copy.log.gz
run "$LOGTOOL" analyze --format json --min-requests 0 \
    logs/aura-api-20251201.log copy.log.gz
expect_no_err "counted once"
run "$LOGTOOL" analyze --format json --min-requests 0 copy.log.gz
grep '"type":"summary"' out | grep -o '"requests":[0-9]*' >one
run "$LOGTOOL" analyze --format json --min-requests 0 \
    logs/aura-api-20251201.log copy.log.gz
grep '"type":"summary"' out | grep -o '"requests":[0-9]*' >two
[ "$(cut -d: -f2 <two)" -gt "$(cut -d: -f2 <one)" ] ||
    fail "a compressed copy was taken for the same file"
