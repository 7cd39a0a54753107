# query and sql: invalid input gets a clear message and exit status 2.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/query/fixture.inc"

run "$LOGTOOL" query --help
expect_status 0
expect_out '^usage: logtool query'

run "$LOGTOOL" query --since yesterday
expect_status 2
expect_err "invalid --since time: .*'yesterday'"

run "$LOGTOOL" query --until 2025-13-40
expect_status 2
expect_err 'invalid --until time'

run "$LOGTOOL" query --grep 'a(b'
expect_status 2
expect_err "invalid regular expression 'a\(b' at offset 3: missing closing parenthesis"

run "$LOGTOOL" query --fts 'render AND ('
expect_status 2
expect_err "invalid full-text query 'render AND \\(': fts5: syntax"

run "$LOGTOOL" query --fts 'bad ( syntax'
expect_status 2
expect_err "^logtool: invalid full-text query 'bad \( syntax': "
[ -s out ] && fail "an invalid query printed '$(cat out)'"

run "$LOGTOOL" query --top --fts 'bad ( syntax'
expect_status 2
expect_err "^logtool: invalid full-text query 'bad \( syntax': "
[ -s out ] && fail "an invalid query printed '$(cat out)'"

for args in '--count --top 3' '--top 3 --count' '--top --count'; do
	run "$LOGTOOL" query $args
	expect_status 2
	expect_err '^logtool: --count and --top cannot be used together$'
done

for n in 0 -3 1000001; do
	run "$LOGTOOL" query --top $n
	expect_status 2
	expect_err "^logtool: invalid --top '$n': expected a whole number"
	run "$LOGTOOL" query --top=$n
	expect_status 2
	expect_err "^logtool: invalid --top '$n'"
done

for cmd in query index sql; do
	run "$LOGTOOL" $cmd --bogus
	expect_status 2
	expect_err "^logtool $cmd: unrecognized option '--bogus'$"
	[ "$(wc -l <err)" -eq 2 ] || fail "$cmd --bogus printed: $(cat err)"
done

for word in '-' '*' 'render -' '"'; do
	run "$LOGTOOL" query --match "$word"
	expect_status 2
	expect_err 'no word to match in .*: a word needs a letter or digit'
done

run "$LOGTOOL" query --level LOUD
expect_status 2
expect_err "invalid level 'LOUD'"

run "$LOGTOOL" query --format xml
expect_status 2
expect_err "invalid format 'xml'"

run "$LOGTOOL" query --limit -3
expect_status 2

run "$LOGTOOL" query --match '   '
expect_status 2
expect_err 'no word to match'

run "$LOGTOOL" query extra
expect_status 2
expect_err "unexpected operand 'extra'"

run "$LOGTOOL" query --db missing.db
expect_status 2
expect_err "cannot open index 'missing.db': No such file or directory"
expect_err "^Run 'logtool index --db missing.db PATH\.\.\.' first\.$"
run "$LOGTOOL" sql --db missing.db 'SELECT 1'
expect_status 2
expect_err "^Run 'logtool index --db missing.db PATH\.\.\.' first\.$"

sqlite3 x.db 'CREATE TABLE t(a)'
run "$LOGTOOL" query --db x.db
expect_status 2
expect_err "^logtool: 'x.db' is not a logtool index \(no meta table\)$"
run "$LOGTOOL" sql --db x.db 'SELECT 1'
expect_status 2
expect_err "is not a logtool index"
# A pattern that backtracks without end on a record is an error naming
# it, not "no match": the record below contains 'a!'.
a=$(printf 'a%.0s' $(seq 40))
printf '[2025-12-01 10:00:00.000 +00:00] [ERR] [c1] boom\n%s!\n' "$a" \
    >bt.log
"$LOGTOOL" index -q --db bt.db bt.log || fail "index bt.log"
run "$LOGTOOL" query --db bt.db --grep 'a!' --count
expect_status 0
expect_out '^1$'
for mode in --count --top ''; do
	run "$LOGTOOL" query --db bt.db --grep '^(a|aa)+$|a!' $mode
	expect_status 2
	expect_err ': match limit exceeded; simplify the pattern$'
	grep -Fq -- "logtool: --grep '^(a|aa)+$|a!' failed on a record" err ||
	    fail "the message does not name the pattern: $(cat err)"
done
# A directory, an empty file (a first index run that has not committed
# its schema yet) and a missing database each get their own message.
mkdir adir
run "$LOGTOOL" query --db adir
expect_status 2
expect_err "^logtool: cannot open index 'adir': it is a directory$"
: >empty.db
run "$LOGTOOL" query --db empty.db
expect_status 2
expect_err "^logtool: index 'empty.db' has no tables yet; is its first 'logtool index' still running\?$"
run "$LOGTOOL" index --db nodir/x.db bt.log
expect_status 2
expect_err "^logtool: cannot open index 'nodir/x.db': No such file or directory$"
expect_no_err "^Run 'logtool index"

# A database file that this user may not write is an error before any
# source is read. Root may write any file, so this part runs as the
# unprivileged user "nobody".
if [ "$(id -u)" = 0 ] && command -v su >/dev/null &&
    su nobody -s /bin/sh -c true 2>/dev/null; then
	mkdir -m 755 ro
	cp bt.db ro/
	chmod 755 .
	chmod 644 ro/bt.db
	run su nobody -s /bin/sh -c "'$LOGTOOL' index --db ro/bt.db bt.log"
	expect_status 2
	expect_err "^logtool: cannot write the index 'ro/bt.db': the file is read-only$"
	# Reading it needs no write access to the folder, though SQLite
	# cannot create its -shm file there.
	for cmd in "query --count" "sql 'SELECT count(*) FROM events'" \
	    "analyze --format tsv --min-requests 5"; do
		run su nobody -s /bin/sh -c "'$LOGTOOL' $cmd --db ro/bt.db"
		expect_status 0
		expect_err_empty
	done
	expect_out '^2025-12-01T10:00:00Z	'
	# An empty -wal file contains no change. One that contains changes
	# cannot be read without the -shm file.
	: >ro/bt.db-wal
	run su nobody -s /bin/sh -c "'$LOGTOOL' query --count --db ro/bt.db"
	expect_status 0
	printf 'changes' >ro/bt.db-wal
	run su nobody -s /bin/sh -c "'$LOGTOOL' query --count --db ro/bt.db"
	expect_status 2
	expect_err "^logtool: cannot read index 'ro/bt.db': SQLite must create 'ro/bt.db-shm' beside it, in a folder this user may not write, because 'ro/bt.db-wal' holds changes$"
fi
# An index without any record (a first index run that has not committed
# yet) gets a warning when nothing matches. An index with records gets
# none.
cp bt.db none.db
sqlite3 none.db 'DELETE FROM event_sources; DELETE FROM errors;
    DELETE FROM requests; DELETE FROM events'
run "$LOGTOOL" query --db none.db --count
expect_status 1
expect_out '^0$'
expect_err "^logtool: warning: index 'none.db' has no records yet; is its first 'logtool index' still running\?$"
run "$LOGTOOL" query --db bt.db --level FTL
expect_status 1
expect_err_empty
exit 0
