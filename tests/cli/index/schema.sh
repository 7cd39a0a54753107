# index: a database that is not a logtool index, or one of another schema
# version, is rejected with a clear message; versions 1 and 2 are
# upgraded.
. "$TESTS/cli/lib.sh"

printf '2025-12-01 10:00:00.000 +01:00 [INF] hello\n' >a.log
touch -d '2025-12-01 12:00' a.log

printf 'not sqlite at all, just text that is long enough to be read\n' \
    >text.db
run "$LOGTOOL" index --db text.db a.log
expect_status 2
expect_err "'text.db' is not a logtool index"

sqlite3 other.db 'CREATE TABLE t(x)'
run "$LOGTOOL" index --db other.db a.log
expect_status 2
expect_err "'other.db' is not a logtool index \(no meta table\)"
run "$LOGTOOL" query --db other.db
expect_status 2
expect_err "'other.db' is not a logtool index \(no meta table\)"

"$LOGTOOL" index -q --db new.db a.log || fail "index"
sqlite3 new.db "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
run "$LOGTOOL" index --db new.db a.log
expect_status 2
expect_err 'created by a newer logtool'
run "$LOGTOOL" query --db new.db
expect_status 2
expect_err 'created by a newer logtool'

"$LOGTOOL" index -q --db old.db a.log || fail "index old.db"
sqlite3 old.db "DROP INDEX events_id_ts;
    UPDATE meta SET value = '1' WHERE key = 'schema_version'"
run "$LOGTOOL" query --db old.db
expect_status 2
expect_err 'older schema version 1; run .logtool index. to upgrade it'
"$LOGTOOL" index -q --db old.db a.log || fail "upgrade"
run "$LOGTOOL" sql --db old.db \
    "SELECT value FROM meta WHERE key = 'schema_version'"
expect_out '^3$'
run "$LOGTOOL" sql --db old.db \
    "SELECT count(*) FROM sqlite_master WHERE name = 'events_id_ts'"
expect_out '^1$'
run "$LOGTOOL" query --db old.db --count
expect_out '^1$'

# Version 3 added the indexes that find an id in any letter case.
"$LOGTOOL" index -q --db v2.db a.log || fail "index v2.db"
sqlite3 v2.db "DROP INDEX events_correlation_nocase;
    DROP INDEX events_trace_nocase;
    UPDATE meta SET value = '2' WHERE key = 'schema_version'"
run "$LOGTOOL" query --db v2.db
expect_status 2
expect_err 'older schema version 2; run .logtool index. to upgrade it'
"$LOGTOOL" index -q --db v2.db a.log || fail "upgrade from 2"
run "$LOGTOOL" sql --db v2.db \
    "SELECT value FROM meta WHERE key = 'schema_version'"
expect_out '^3$'
run "$LOGTOOL" sql --db v2.db "SELECT count(*) FROM sqlite_master
    WHERE name IN ('events_correlation_nocase', 'events_trace_nocase')"
expect_out '^2$'

sqlite3 new.db "UPDATE meta SET value = '0' WHERE key = 'schema_version'"
run "$LOGTOOL" index --db new.db a.log
expect_status 2
expect_err 'schema version 0'
exit 0
