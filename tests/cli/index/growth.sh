# index: a file that grew adds only its new part; a last line still being
# written waits for the next run; a file truncated and written anew is new
# content; a record whose stack trace grew is replaced, not duplicated.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 5 --families aura-api --template default logs ||
    fail "loggen"
src=$(ls logs/aura-api-*.log)
size=$(wc -c <"$src")
"$LOGTOOL" index -q --db ref.db "$src" || fail "reference index"
total=$("$LOGTOOL" query --db ref.db --count)

# Three runs over a file that grows, cut in the middle of lines.
head -c $((size / 3)) "$src" >live.log
run "$LOGTOOL" index --db t.db live.log
expect_status 0
head -c $((size * 2 / 3 + 7)) "$src" >live.log
run "$LOGTOOL" index --db t.db live.log
expect_status 0
cat "$src" >live.log
run "$LOGTOOL" index --db t.db live.log
expect_status 0
run "$LOGTOOL" query --db t.db --count
expect_out "^$total\$"
run "$LOGTOOL" sql --db t.db 'SELECT indexed_len FROM contents'
expect_out "^$size\$"

# The unfinished last line of a recently written file waits.
printf '2025-12-01 10:00:00.000 +01:00 [INF] first\n' >w.log
printf '2025-12-01 10:00:01.000 +01:00 [INF] second, still bei' >>w.log
run "$LOGTOOL" index --db w.db w.log
run "$LOGTOOL" query --db w.db --count
expect_out '^1$'
printf 'ng written\n' >>w.log
run "$LOGTOOL" index --db w.db w.log
run "$LOGTOOL" query --db w.db --match 'being written' --count
expect_out '^1$'
run "$LOGTOOL" query --db w.db --count
expect_out '^2$'

# A file not written to for a while is complete: its last line counts.
printf '2025-12-01 10:00:00.000 +01:00 [INF] only line' >old.log
touch -d '2025-12-01 12:00' old.log
run "$LOGTOOL" index --db o.db old.log
run "$LOGTOOL" query --db o.db --count
expect_out '^1$'

# A stack trace written after the last run extends that record.
printf '2025-12-01 10:00:00.000 +01:00 [INF] start\n' >x.log
printf '2025-12-01 10:00:01.000 +01:00 [ERR] boom\n' >>x.log
run "$LOGTOOL" index --db x.db x.log
printf 'System.Exception: boom\n   at A.B()\n' >>x.log
run "$LOGTOOL" index --db x.db x.log
expect_err \
    '^indexed 1 source: 0 records added, 1 replaced by a longer copy, 0 '
run "$LOGTOOL" query --db x.db --count
expect_out '^2$'
run "$LOGTOOL" query --db x.db --level ERR --format json
expect_out '"exception":"System.Exception: boom\\n   at A.B\(\)"'

# Truncated and written anew: new content, nothing of the old is reused.
printf '2025-12-01 11:00:00.000 +01:00 [WRN] new life\n' >x.log
run "$LOGTOOL" index --db x.db x.log
expect_err '1 record added'
run "$LOGTOOL" query --db x.db --count
expect_out '^3$'
run "$LOGTOOL" sql --db x.db 'SELECT count(*) FROM contents'
expect_out '^2$'
run "$LOGTOOL" sql --db x.db 'PRAGMA integrity_check'
expect_out '^ok$'
exit 0
