# Option errors exit 2 with a message; --help prints the usage.
. "$TESTS/cli/lib.sh"

printf '2025-01-01 00:00:00.000 +00:00 [INF] HTTP GET /a responded 200 in 1 ms\n' \
    >one.log

run "$LOGTOOL" analyze --help
expect_status 0
expect_out '^usage: logtool analyze'
expect_out 'Exit status'

for args in "--window 0m" "--window 5" "--step 10m --window 5m" \
    "--threshold 101" "--threshold x" "--warn-threshold -1" \
    "--min-requests -3" "--slo 100" "--slo 0" "--p95-ms fast" \
    "--basis lines" "--format xml" "--since yesterday" \
    "--since 2025-01-02 --until 2025-01-01" "--bogus"; do
	# shellcheck disable=SC2086 # the arguments are meant to split
	run "$LOGTOOL" analyze $args one.log
	expect_status 2
	expect_err "^logtool"
done

run "$LOGTOOL" analyze --db x.db one.log
expect_status 2
expect_err "either --db or paths"

run "$LOGTOOL" analyze --request-pattern '(' one.log
expect_status 2
expect_err "invalid request pattern"

run "$LOGTOOL" analyze --request-pattern '(?<method>\w+)' one.log
expect_status 2
expect_err "no named group 'path'"

run "$LOGTOOL" analyze missing.log
expect_status 2
expect_err "missing.log"

run "$LOGTOOL" analyze --db missing.db
expect_status 2
expect_err "missing.db"

run "$LOGTOOL" analyze --format tsv one.log
expect_status 0
expect_out_lines 2

# Input without records: a warning, the header only, exit 0.
: >empty.log
run "$LOGTOOL" analyze --format tsv empty.log
expect_status 0
expect_out_lines 1
expect_err "warning: no records with a time in the input"

run "$LOGTOOL" analyze --format tsv <one.log
expect_status 0
expect_out_lines 2

# Records that all fall outside --since/--until are named as such.
run "$LOGTOOL" analyze --format tsv --since 2030-01-01 one.log
expect_status 0
expect_out_lines 1
expect_err "^logtool: warning: none of the [0-9]+ records with a time is between --since and --until$"
expect_no_err "no records with a time in the input"

# A database that is not a logtool index.
: >not-an-index.db
sqlite3 not-an-index.db 'CREATE TABLE x(a)' 2>/dev/null ||
    skip "sqlite3 not installed"
run "$LOGTOOL" analyze --db not-an-index.db
expect_status 2
expect_err "cannot read 'not-an-index.db' as a logtool index"
