# index: a run killed with SIGKILL at a random point leaves a consistent
# database, and the next run ends with every record once. Ten trials, 100
# with LONG=1.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 3 --families aura-api,errors,warnings logs ||
    fail "loggen"
gzip -c logs/warnings-*.log >warnings.log.gz
rm logs/warnings-*.log
"$LOGTOOL" index -q --db ref.db logs warnings.log.gz || fail "reference"
want=$("$LOGTOOL" query --db ref.db --count)

trials=10
[ "$LONG" = 1 ] && trials=100
# Small transactions, so that kills fall between commits of one file.
LOGTOOL_INDEX_CHUNK=500
export LOGTOOL_INDEX_CHUNK
i=0
total_kills=0
while [ $i -lt $trials ]; do
	i=$((i + 1))
	rm -f k.db k.db-wal k.db-shm
	kills=0
	while :; do
		"$LOGTOOL" index -q --db k.db logs warnings.log.gz &
		pid=$!
		delay=$(awk -v s="$i$kills" 'BEGIN { srand(s);
		    printf "%.3f", rand() * 0.8 }')
		sleep "$delay"
		if kill -9 $pid 2>/dev/null; then
			wait $pid 2>/dev/null
			kills=$((kills + 1))
		else
			wait $pid || fail "trial $i: index failed"
			break
		fi
		run "$LOGTOOL" sql --db k.db 'PRAGMA integrity_check'
		[ ! -s k.db ] || expect_out '^ok$'
		[ $kills -lt 2 ] || break
	done
	total_kills=$((total_kills + kills))
	"$LOGTOOL" index -q --db k.db logs warnings.log.gz ||
	    fail "trial $i: final run failed"
	run "$LOGTOOL" query --db k.db --count
	expect_out "^$want\$"
	run "$LOGTOOL" sql --db k.db 'PRAGMA integrity_check'
	expect_out '^ok$'
	run "$LOGTOOL" sql --db k.db "SELECT count(*) FROM event_sources"
	links=$(tail -n 1 out)
	run "$LOGTOOL" sql --db ref.db "SELECT count(*) FROM event_sources"
	expect_out "^$links\$"
done
[ $total_kills -gt 0 ] || fail "no run was killed before it finished"
echo "$total_kills runs killed in $trials trials"
exit 0
