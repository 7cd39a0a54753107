# sql: runs one read-only statement and prints tsv or json rows; writes,
# ATTACH, pragma writes and extension loading are rejected.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/query/fixture.inc"

run "$LOGTOOL" sql --help
expect_status 0
expect_out '^usage: logtool sql'

run "$LOGTOOL" sql 'SELECT level, count(*) AS n FROM events GROUP BY level
    ORDER BY level'
expect_status 0
expect_out '^level	n$'
expect_out '^4	2$'
expect_out_lines 6

run "$LOGTOOL" sql --format json "SELECT method, path, status, duration_ms,
    failed FROM requests"
expect_status 0
expect_out '^\{"method":"GET","path":"/api/x","status":200,"duration_ms":12.5,"failed":0\}$'

run "$LOGTOOL" sql "SELECT e.message FROM events_fts f JOIN events e
    ON e.id = f.rowid WHERE events_fts MATCH '\"node-7.example.com\"'"
expect_out '^Slow disk on host node-7.example.com$'

for statement in 'DELETE FROM events' "INSERT INTO meta VALUES('a', 'b')" \
    'DROP TABLE events' "ATTACH 'other.db' AS o" \
    'PRAGMA journal_mode=DELETE' 'PRAGMA user_version=5' \
    'CREATE TABLE t(x)' 'VACUUM'; do
	run "$LOGTOOL" sql "$statement"
	expect_status 2
	expect_err 'SQL rejected|invalid SQL'
done
[ ! -e other.db ] || fail "ATTACH created other.db"

run "$LOGTOOL" sql "SELECT load_extension('/nonexistent.so')"
expect_status 2

run "$LOGTOOL" sql 'PRAGMA table_info(events)'
expect_status 0
expect_out 'event_key'

run "$LOGTOOL" sql 'SELECT 1; SELECT 2'
expect_status 2
expect_err 'only one SQL statement'

run "$LOGTOOL" sql 'SELEC 1'
expect_status 2
expect_err 'invalid SQL: near "SELEC": syntax error'

run "$LOGTOOL" sql
expect_status 2
expect_err 'missing SQL operand'

run "$LOGTOOL" sql 'SELECT count(*) FROM events'
expect_out '^7$'
exit 0
