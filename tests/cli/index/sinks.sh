# index: an event written by two sinks (aura-api and errors) is stored
# once and remembers both files; identical records within one file stay
# separate events.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 5 --families aura-api,errors logs ||
    fail "loggen"
api=$(ls logs/aura-api-*.log)
errs=$(ls logs/errors-*.log)

"$LOGTOOL" index -q --db api.db "$api" || fail "index aura-api"
api_count=$("$LOGTOOL" query --db api.db --count)
"$LOGTOOL" index -q --db err.db "$errs" || fail "index errors"
err_count=$("$LOGTOOL" query --db err.db --count)
[ "$err_count" -gt 0 ] || fail "the errors file has no records"

run "$LOGTOOL" index --db t.db logs
expect_status 0
run "$LOGTOOL" query --db t.db --count
expect_out "^$api_count\$"

# Each errors record is linked to both files.
run "$LOGTOOL" sql --db t.db "SELECT count(*) FROM (SELECT event_id
    FROM event_sources GROUP BY event_id HAVING count(*) = 2)"
expect_out "^$err_count\$"
run "$LOGTOOL" query --db t.db --family errors --count
expect_out "^$err_count\$"

# Two identical lines in one file are two events.
line='2025-12-01 10:00:00.000 +01:00 [INF] same'
printf '%s\n%s\n' "$line" "$line" >dup.log
run "$LOGTOOL" index --db d.db dup.log
run "$LOGTOOL" query --db d.db --count
expect_out '^2$'
# A second sink that wrote the same two lines merges with them one by one.
cp dup.log dup2.log
printf '%s\n' '2025-12-01 10:00:02.000 +01:00 [INF] other' >>dup2.log
run "$LOGTOOL" index --db d.db dup2.log
run "$LOGTOOL" query --db d.db --count
expect_out '^3$'

# Records without a time (lines before the first header) merge the same
# way, though the UNIQUE index on (ts, event_key) treats NULL times as
# distinct.
printf 'orphan line\n%s\n' "$line" >u-aura-api.log
printf 'orphan line\n%s\n' '2025-12-01 10:00:05.000 +01:00 [ERR] x' \
    >u-errors.log
run "$LOGTOOL" index --db u.db u-aura-api.log u-errors.log
expect_status 0
run "$LOGTOOL" query --db u.db --count
expect_out '^3$'
run "$LOGTOOL" sql --db u.db "SELECT count(*) FROM events WHERE ts IS NULL"
expect_out '^1$'
run "$LOGTOOL" sql --db u.db "SELECT count(*) FROM event_sources"
expect_out '^4$'
exit 0
