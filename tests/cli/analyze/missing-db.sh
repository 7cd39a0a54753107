# A missing index gets the message of `logtool query` and the command that
# creates it, from analyze and from report.
. "$TESTS/cli/lib.sh"

run "$LOGTOOL" analyze --db nosuch.db
expect_status 2
expect_err "^logtool: cannot open index 'nosuch.db': No such file or directory$"
expect_err "^Run 'logtool index --db nosuch.db PATH\.\.\.' first\.$"

run "$LOGTOOL" report -o r.html --db nosuch.db
expect_status 2
expect_err "^logtool: cannot open index 'nosuch.db': No such file or directory$"
expect_err "^Run 'logtool index --db nosuch.db PATH\.\.\.' first\.$"
[ ! -e r.html ] || fail "report written without an index"

run "$LOGTOOL" query --db nosuch.db
expect_err "^logtool: cannot open index 'nosuch.db': No such file or directory$"
