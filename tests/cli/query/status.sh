# query: as grep, 0 means a match, 1 only "nothing matched" with nothing
# printed, and 2 a failure to read the index.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/query/fixture.inc"

run "$LOGTOOL" query --format tsv --match nothing-like-this
expect_status 1
[ -s out ] && fail "a query that matched nothing printed '$(cat out)'"

run "$LOGTOOL" query --format json --level VRB
expect_status 1
[ -s out ] && fail "a query that matched nothing printed '$(cat out)'"

cp q.db broken.db
sqlite3 broken.db 'DROP TABLE errors; DROP TABLE event_sources' ||
    fail "cannot damage the copy"
run "$LOGTOOL" query --db broken.db --top
expect_status 2
expect_err 'errors'
run "$LOGTOOL" query --db broken.db --family aura
expect_status 2
run "$LOGTOOL" query --db broken.db --count --source app-20251203.log
expect_status 2
exit 0
