# index: readers work while an index run writes (WAL and a busy timeout),
# and two index runs over the same files store each record once.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 2 --rate 2 --families aura-api,errors logs ||
    fail "loggen"
"$LOGTOOL" index -q --db t.db logs/aura-api-20251201.log || fail "first"
LOGTOOL_INDEX_CHUNK=200 "$LOGTOOL" index -q --db t.db logs &
pid=$!
n=0
while kill -0 $pid 2>/dev/null && [ $n -lt 50 ]; do
	run "$LOGTOOL" query --db t.db --count
	expect_status 0
	expect_err_empty
	n=$((n + 1))
done
wait $pid || fail "index run failed"
run "$LOGTOOL" sql --db t.db 'PRAGMA integrity_check'
expect_out '^ok$'
want=$("$LOGTOOL" query --db t.db --count)
links=$("$LOGTOOL" sql --db t.db 'SELECT count(*) FROM event_sources' |
    tail -n 1)

LOGTOOL_INDEX_CHUNK=300 "$LOGTOOL" index -q --db two.db logs &
pid=$!
LOGTOOL_INDEX_CHUNK=300 "$LOGTOOL" index -q --db two.db logs ||
    fail "second writer failed"
wait $pid || fail "first writer failed"
run "$LOGTOOL" query --db two.db --count
expect_out "^$want\$"
run "$LOGTOOL" sql --db two.db 'SELECT count(*) FROM event_sources'
expect_out "^$links\$"
exit 0
