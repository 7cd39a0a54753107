# report --db gives the same windows as the files and lists the records
# that share a failed request's correlation id.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 10 --incident 2025-12-01T14:05/20m/40 logs \
    >/dev/null || fail "aura-loggen failed"
"$LOGTOOL" index --db idx.db -q logs >/dev/null 2>&1 ||
    skip "logtool index failed; --db cannot be tested"

run "$LOGTOOL" analyze --format tsv --min-requests 0 logs
cp out files.tsv
run "$LOGTOOL" analyze --format tsv --min-requests 0 --db idx.db
expect_status 1
cmp -s files.tsv out || fail "--db windows differ from the files':
$(diff files.tsv out | head -n 6)"

run "$LOGTOOL" analyze --format json --db idx.db --since 2025-12-01T13:00Z \
    --until 2025-12-01T14:00Z
expect_out_lines 13
expect_out '"type":"summary"'

run "$LOGTOOL" report -o r.html --db idx.db
expect_status 0
grep -q 'records with this correlation id' r.html ||
    fail "no related records"
cid=$(grep -o '<code class="cid">[^<]*' r.html | head -n 1 | sed 's/.*>//')
[ -n "$cid" ] || fail "no correlation id"
n=$(grep -c "\\[$cid\\]" r.html)
[ "$n" -ge 2 ] || fail "only $n records for correlation id $cid"

run "$LOGTOOL" analyze --db idx.db --request-pattern '(?<path>/x)'
expect_err "--request-pattern has no effect with --db"
