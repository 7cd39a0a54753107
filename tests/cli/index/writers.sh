# index: three runs that start together on a new database all succeed.
# SQLite returns "database is locked" without waiting for the busy
# timeout while another connection switches the file to WAL mode, which
# index retries. The race is timing dependent, so rounds repeat it.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 2 --families aura-api,errors logs >/dev/null ||
    fail "loggen"
rounds=10
[ "$LONG" = 1 ] && rounds=100
i=0
while [ $i -lt $rounds ]; do
	rm -f w.db w.db-wal w.db-shm
	"$LOGTOOL" index -q --db w.db logs 2>e1 &
	p1=$!
	"$LOGTOOL" index -q --db w.db logs 2>e2 &
	p2=$!
	"$LOGTOOL" index -q --db w.db logs 2>e3 || fail "writer 3: $(cat e3)"
	wait $p1 || fail "writer 1: $(cat e1)"
	wait $p2 || fail "writer 2: $(cat e2)"
	i=$((i + 1))
done
exit 0
