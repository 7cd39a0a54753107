# Text output shows a run of three or more windows without requests as
# one line; tsv and json keep every window.
. "$TESTS/cli/lib.sh"

{
	printf '2025-01-01 00:00:01.000 +00:00 [INF] HTTP GET /a responded 200 in 1 ms\n'
	printf '2025-01-01 00:05:01.000 +00:00 [INF] started\n'
	printf '2025-01-01 10:00:01.000 +00:00 [INF] HTTP GET /a responded 200 in 1 ms\n'
	printf '2025-01-01 10:10:01.000 +00:00 [INF] HTTP GET /a responded 200 in 1 ms\n'
} >gap.log

run "$LOGTOOL" analyze --format text gap.log
expect_status 0
expect_out '^2025-01-01T00:05:00Z +2025-01-01T10:00:00Z +… 119 windows without requests …$'
# A run of one window stays a table row.
expect_out '^2025-01-01T10:05:00Z +2025-01-01T10:10:00Z +0 +0 +- ok'
expect_out '^123 windows: '
[ "$(grep -c ' ok ' out)" -eq 4 ] || fail "expected 4 table rows"

run "$LOGTOOL" analyze --format tsv gap.log
expect_out_lines 124
run "$LOGTOOL" analyze --format json gap.log
expect_out_lines 124

# A folder without Serilog log files is an error for cron (exit 2), as
# it is for cat and index, not an empty report.
mkdir empty notes
printf 'some notes\n' >notes/readme.md
for dir in empty notes; do
	run "$LOGTOOL" analyze "$dir"
	expect_status 2
	expect_err "^logtool: no Serilog log files or bundles in '$dir'$"
	run "$LOGTOOL" report -o r.html "$dir"
	expect_status 2
	expect_err "^logtool: no Serilog log files or bundles in '$dir'$"
done
