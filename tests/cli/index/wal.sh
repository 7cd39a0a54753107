# index: the write-ahead log stays small during a long load. SQLite
# copies the log into the database once it reaches 1,000 pages and then
# starts it anew. A statement left open on a row keeps a read transaction
# that prevents the new start, and the log grew to 121 MB for this 8 MB
# log.
. "$TESTS/cli/lib.sh"

command -v sqlite3 >/dev/null || skip "sqlite3 not installed"
"$LOGGEN" --stdout --size 8M >big.log || fail "loggen"
printf '%s\n' '[2025-12-01 10:00:00.000 +01:00] [INF] [c-1] first' >a.log
"$LOGTOOL" index -q --db t.db a.log || fail "create t.db"

# A second connection keeps the database open, so that the log file
# stays after logtool closes it. That connection has no open
# transaction.
mkfifo cmds
sqlite3 t.db <cmds >reader.out &
reader=$!
exec 3>cmds
echo 'SELECT count(*) FROM events;' >&3

LOGTOOL_INDEX_CHUNK=500 run "$LOGTOOL" index -q --db t.db big.log
wal=$(wc -c <t.db-wal)
db=$(wc -c <t.db)
exec 3>&-
wait "$reader"
expect_status 0
[ "$(cat reader.out)" = 1 ] || fail "the reader did not run: $(cat reader.out)"
page=$(sqlite3 t.db 'PRAGMA page_size')
# 1,000 pages and the transaction that reached them, with room to spare.
[ "$wal" -lt $((1500 * page)) ] ||
    fail "log of $wal bytes for a database of $db bytes"
exit 0
