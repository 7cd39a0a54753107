# index --no-fts: an index without its full-text table takes the same
# records and keeps that layout on later runs. Query rejects --match and
# --fts on it with the reason.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 5 --families aura-api,errors logs ||
    fail "loggen"

run "$LOGTOOL" index -q --no-fts --db n.db logs
expect_status 0
expect_err_empty
run "$LOGTOOL" sql --db n.db \
    "SELECT count(*) FROM sqlite_master WHERE name LIKE 'events_fts%'"
expect_out '^0$'
"$LOGTOOL" index -q --db f.db logs || fail "index with full text"
n=$("$LOGTOOL" query --db f.db --count)
run "$LOGTOOL" query --db n.db --count
expect_out "^$n\$"
run "$LOGTOOL" sql --db n.db 'PRAGMA integrity_check'
expect_out '^ok$'

for option in --match --fts; do
	run "$LOGTOOL" query --db n.db "$option" Npgsql
	expect_status 2
	expect_err "^logtool: index 'n.db' has no full-text index \(it was created with --no-fts\); use --grep$"
done
run "$LOGTOOL" query --db n.db --grep 'Npgsql' --count
expect_status 0
expect_out "^$("$LOGTOOL" query --db f.db --grep Npgsql --count)\$"

# A later run without the option adds records and keeps the layout.
printf '%s\n' '[2025-12-02 10:00:00.000 +01:00] [INF] [c-1] late' >late.log
run "$LOGTOOL" index -q --db n.db late.log
expect_status 0
run "$LOGTOOL" query --db n.db --correlation c-1 --count
expect_out '^1$'
run "$LOGTOOL" sql --db n.db \
    "SELECT count(*) FROM sqlite_master WHERE name = 'events_fts'"
expect_out '^0$'

# A record that grew (a stack trace still being written) is replaced.
printf '%s\n' '[2025-12-02 10:00:01.000 +01:00] [ERR] [c-2] failed' \
    'System.Exception: first line' >grow.log
touch -d '2025-12-02 12:00' grow.log
"$LOGTOOL" index -q --db n.db grow.log || fail "index grow.log"
printf '%s\n' '   at Aura.Api.Run()' >>grow.log
touch -d '2025-12-02 12:01' grow.log
run "$LOGTOOL" index --db n.db grow.log
expect_status 0
expect_err '1 replaced by a longer copy'
run "$LOGTOOL" query --db n.db --correlation c-2
expect_out '^   at Aura.Api.Run\(\)$'

# The option chooses the layout of a new index only.
run "$LOGTOOL" index --no-fts --db f.db late.log
expect_status 2
expect_err "^logtool: --no-fts: index 'f.db' already has a full-text index; give a new --db to create one without it$"
# The check comes before an older index is upgraded, so a rejected run
# leaves it as it was.
cp f.db old.db
sqlite3 old.db "UPDATE meta SET value = '2' WHERE key = 'schema_version'"
run "$LOGTOOL" index --no-fts --db old.db late.log
expect_status 2
expect_err 'already has a full-text index'
run sqlite3 old.db "SELECT value FROM meta WHERE key = 'schema_version'"
expect_out '^2$'
exit 0
