# index: a database that is not a logtool index, or one of another schema
# version, is rejected with a clear message; versions 1, 2 and 3 are
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
expect_err "older schema version 1; run 'logtool index --db old.db PATH...' to upgrade it$"
"$LOGTOOL" index -q --db old.db a.log || fail "upgrade"
run "$LOGTOOL" sql --db old.db \
    "SELECT value FROM meta WHERE key = 'schema_version'"
expect_out '^4$'
run "$LOGTOOL" sql --db old.db \
    "SELECT count(*) FROM sqlite_master WHERE name = 'events_id_ts'"
expect_out '^1$'
run "$LOGTOOL" query --db old.db --count
expect_out '^1$'

# Version 3 added indexes that find an id in any letter case.
"$LOGTOOL" index -q --db v2.db a.log || fail "index v2.db"
sqlite3 v2.db "UPDATE meta SET value = '2' WHERE key = 'schema_version'"
run "$LOGTOOL" query --db v2.db
expect_status 2
expect_err "older schema version 2; run 'logtool index --db v2.db PATH...' to upgrade it$"
"$LOGTOOL" index -q --db v2.db a.log || fail "upgrade from 2"
run "$LOGTOOL" sql --db v2.db \
    "SELECT value FROM meta WHERE key = 'schema_version'"
expect_out '^4$'

# Version 4 keys events by (ts, event_key) and has one index per id, in
# any letter case. A version 3 index, as that version created it: a
# UNIQUE event_key, events_ts, and two indexes for each id.
sqlite3 v3.db <<'SQL' || fail "make v3.db"
PRAGMA page_size=16384;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
INSERT INTO meta VALUES('application', 'logtool'), ('schema_version', '3');
CREATE TABLE contents(id INTEGER PRIMARY KEY, head_len INTEGER NOT NULL,
  head_hash INTEGER NOT NULL, indexed_len INTEGER NOT NULL,
  tail_hash INTEGER NOT NULL, last_offset INTEGER NOT NULL,
  last_line INTEGER NOT NULL, records INTEGER NOT NULL);
CREATE INDEX contents_head ON contents(head_hash);
CREATE TABLE sources(id INTEGER PRIMARY KEY, name TEXT NOT NULL,
  family TEXT, content_id INTEGER NOT NULL REFERENCES contents(id),
  first_indexed INTEGER NOT NULL, last_indexed INTEGER NOT NULL,
  UNIQUE(name, content_id));
CREATE INDEX sources_content ON sources(content_id);
CREATE TABLE events(id INTEGER PRIMARY KEY,
  event_key INTEGER NOT NULL UNIQUE, ts INTEGER, level INTEGER NOT NULL,
  correlation_id TEXT, trace_id TEXT, span_id TEXT, message TEXT NOT NULL,
  exception TEXT, raw BLOB NOT NULL, format INTEGER NOT NULL);
CREATE TABLE event_sources(content_id INTEGER NOT NULL
  REFERENCES contents(id), offset INTEGER NOT NULL, line INTEGER NOT NULL,
  event_id INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY(content_id, offset)) WITHOUT ROWID;
CREATE INDEX event_sources_event ON event_sources(event_id);
CREATE TABLE requests(event_id INTEGER PRIMARY KEY REFERENCES events(id),
  ts INTEGER, method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER,
  duration_ms REAL, failed INTEGER NOT NULL, correlation_id TEXT);
CREATE TABLE signatures(id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE errors(event_id INTEGER PRIMARY KEY REFERENCES events(id),
  signature_id INTEGER NOT NULL REFERENCES signatures(id), ts INTEGER);
CREATE VIRTUAL TABLE events_fts USING fts5(message, exception,
  content='events', content_rowid='id');
CREATE INDEX events_ts ON events(ts);
CREATE INDEX events_id_ts ON events(id, ts);
CREATE INDEX events_level_ts ON events(level, ts);
CREATE INDEX events_correlation ON events(correlation_id, ts);
CREATE INDEX events_trace ON events(trace_id, ts);
CREATE INDEX events_correlation_nocase
  ON events(correlation_id COLLATE NOCASE);
CREATE INDEX events_trace_nocase ON events(trace_id COLLATE NOCASE);
CREATE INDEX requests_ts ON requests(ts);
CREATE INDEX errors_signature ON errors(signature_id, ts);
CREATE INDEX errors_ts ON errors(ts);
SQL
run "$LOGTOOL" query --db v3.db
expect_status 2
expect_err "older schema version 3; run 'logtool index --db v3.db PATH...' to upgrade it$"
printf '%s\n' '[2025-12-01 10:00:00.000 +01:00] [INF] [AB-1] one' \
    '[2025-12-01 10:00:01.000 +01:00] [INF] [AB-1] two' >c.log
"$LOGTOOL" index -q --db v3.db c.log || fail "upgrade from 3"
run "$LOGTOOL" sql --db v3.db \
    "SELECT value FROM meta WHERE key = 'schema_version'"
expect_out '^4$'
run "$LOGTOOL" sql --db v3.db "SELECT name FROM sqlite_master
    WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL
    ORDER BY name"
printf '%s\n' name events_correlation events_id_ts events_level_ts \
    events_trace events_ts_key | cmp -s - out || fail "v3 indexes: $(cat out)"
run "$LOGTOOL" query --db v3.db --correlation AB-1 --count
expect_out '^2$'
run "$LOGTOOL" query --db v3.db --trace ab-1 --count
expect_out '^2$'
# The same records again through another sink are not added.
cp c.log errors-20251201.log
printf '%s\n' '[2025-12-01 10:00:02.000 +01:00] [ERR] [AB-1] three' \
    >>errors-20251201.log
"$LOGTOOL" index -q --db v3.db errors-20251201.log || fail "index errors"
run "$LOGTOOL" query --db v3.db --count
expect_out '^3$'
run "$LOGTOOL" sql --db v3.db 'PRAGMA integrity_check'
expect_out '^ok$'

sqlite3 new.db "UPDATE meta SET value = '0' WHERE key = 'schema_version'"
run "$LOGTOOL" index --db new.db a.log
expect_status 2
expect_err 'schema version 0'
exit 0
