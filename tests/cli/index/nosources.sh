# index: a folder with no Serilog log file or bundle is an error, as in
# logtool cat, not "indexed 0 sources".
. "$TESTS/cli/lib.sh"

mkdir empty other
printf 'some notes\n' >other/notes.md
for dir in empty other; do
	run "$LOGTOOL" index --db x.db "$dir"
	expect_status 1
	expect_err "^logtool: no Serilog log files or bundles in '$dir'$"
done

# A folder with a log still indexes it, and the other folder fails.
printf '2025-12-01 10:00:00.000 +01:00 [INF] hello\n' >other/a-20251201.log
touch -d '2025-12-01 12:00' other/a-20251201.log
run "$LOGTOOL" index --db x.db other empty
expect_status 1
expect_err "indexed 1 source: 1 record added"
expect_err "no Serilog log files or bundles in 'empty'"

# A file that is not a log is indexed as records without a time, with a
# warning on the run that adds them and none on the next run.
printf 'first line\nsecond line\n' >notes.txt
run "$LOGTOOL" index --db n.db notes.txt
expect_status 0
expect_err "^logtool: warning: no record of 'notes.txt' has a time \(1 record\): is it a log file\?$"
run "$LOGTOOL" index --db n.db notes.txt
expect_status 0
expect_err '1 source already indexed'
expect_no_err 'warning'
exit 0
