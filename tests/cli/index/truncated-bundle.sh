# A truncated compressed bundle is read like a truncated .gz file: the
# member the stream ends in keeps its records up to there, with warnings,
# in cat, index and analyze alike.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 5 --families aura-api logs || fail "loggen"
log=$(cd logs && ls aura-api-*.log)
tar -C logs -czf b.tar.gz "$log"
head -c 200000 b.tar.gz >cut.tar.gz
gzip -c "logs/$log" | head -c 200000 >cut.log.gz

# cat prints what could be read and exits 1 for the damaged input.
run "$LOGTOOL" cat cut.tar.gz
expect_status 1
expect_err "^logtool: warning: 'cut.tar.gz': truncated gzip stream; read [0-9]+ bytes$"
expect_err "^logtool: warning: 'cut.tar.gz:$log': member cut short by the truncated bundle$"
expect_no_err 'cannot read'
cp out cat.out
[ "$(wc -l <cat.out)" -gt 1000 ] || fail "cat printed $(wc -l <cat.out) lines"
# Those lines are the start of the log (the last one may be cut short).
n=$(($(wc -l <cat.out) - 1))
head -n "$n" "logs/$log" >want.txt
head -n "$n" cat.out | cmp -s - want.txt || fail "cat output is not the log's start"

# index keeps the records, as it does for the truncated .gz file.
run "$LOGTOOL" index --db t.db cut.tar.gz
expect_status 0
expect_err 'member cut short by the truncated bundle'
expect_err 'indexed 1 source: [0-9]+ records added'
bundle=$("$LOGTOOL" query --db t.db --count)
"$LOGTOOL" index -q --db g.db cut.log.gz 2>/dev/null || fail "index cut.log.gz"
[ "$bundle" -gt 1000 ] || fail "index added $bundle records"

# analyze counts the same records and exits 0 (no SEV-2 in them).
run "$LOGTOOL" analyze --format tsv cut.tar.gz
expect_status 0
expect_out '^start	end	requests'
expect_err 'member cut short by the truncated bundle'
exit 0
