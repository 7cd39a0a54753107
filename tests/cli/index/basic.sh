# index: adds every record once, reports a summary, keeps the database
# consistent, and a second run over the same files adds nothing.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 3 --families aura-api,errors logs || fail "loggen"

run "$LOGTOOL" index --help
expect_status 0
expect_out '^usage: logtool index'

run "$LOGTOOL" index --db t.db
expect_status 2
expect_err 'missing PATH operand'

run "$LOGTOOL" index --db t.db logs
expect_status 0
expect_err '^indexed 2 sources: [0-9]+ records added, 0 sources already indexed'
first=$("$LOGTOOL" query --db t.db --count)
[ "$first" -gt 100 ] || fail "only $first records indexed"

run "$LOGTOOL" index --db t.db logs
expect_status 0
expect_err '^indexed 2 sources: 0 records added, 2 sources already indexed'
run "$LOGTOOL" query --db t.db --count
expect_out "^$first\$"

run "$LOGTOOL" index -q --db t.db logs
expect_status 0
expect_err_empty

run "$LOGTOOL" sql --db t.db 'PRAGMA integrity_check'
expect_out '^ok$'
run "$LOGTOOL" sql --db t.db "SELECT value FROM meta WHERE key = 'schema_version'"
expect_out '^4$'

# The default database is $LOGTOOL_DB, else ./logtool.db.
LOGTOOL_DB=env.db run "$LOGTOOL" index -q logs
expect_status 0
[ -s env.db ] || fail "LOGTOOL_DB was not used"
run "$LOGTOOL" index -q logs
[ -s logtool.db ] || fail "./logtool.db was not created"

# A missing operand is reported and the others are still indexed.
run "$LOGTOOL" index --db m.db missing.log logs
expect_status 1
expect_err "missing.log"
run "$LOGTOOL" query --db m.db --count
expect_out "^$first\$"
exit 0
