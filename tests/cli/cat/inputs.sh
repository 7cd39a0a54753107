# logtool cat: compressed files, stdin, directories and bad operands.
. "$TESTS/cli/lib.sh"

mkdir logs
printf '2025-12-01 10:00:00.000 +00:00 [INF] first\n' >logs/aura-api-20251201.log
printf '2025-12-01 10:00:01.000 +00:00 [ERR] second\n' >logs/errors-20251201.log
printf 'not a log family\n' >logs/notes.log
gzip -c logs/aura-api-20251201.log >plain-name.log

# Compression is found from the bytes, not the name.
run "$LOGTOOL" cat plain-name.log
expect_status 0
expect_out '^2025-12-01 10:00:00.000 \+00:00 \[INF\] first$'

run sh -c "gzip -c logs/errors-20251201.log | \"$LOGTOOL\" cat -"
expect_status 0
expect_out 'second$'

# A directory yields its Serilog family files only.
run "$LOGTOOL" cat -f tsv logs
expect_status 0
expect_out_lines 3
expect_no_out 'not a log family'

run "$LOGTOOL" cat missing.log
expect_status 1
expect_err "^logtool: cannot open 'missing.log': No such file or directory$"

# A missing operand does not stop the others.
run "$LOGTOOL" cat missing.log logs/aura-api-20251201.log
expect_status 1
expect_out 'first$'

run "$LOGTOOL" cat --format xml logs
expect_status 2
expect_err "invalid --format 'xml'"
expect_err "Try 'logtool cat --help'"

run "$LOGTOOL" cat --bogus logs
expect_status 2
expect_err "unrecognized option '--bogus'"

# Without PATH, standard input is read, as cat(1) does.
run sh -c "\"$LOGTOOL\" cat <logs/errors-20251201.log"
expect_status 0
expect_out 'second$'

# A directory without log files is an error, not silence.
mkdir empty
run "$LOGTOOL" cat empty
expect_status 1
expect_err "^logtool: no Serilog log files or bundles in 'empty'$"

run "$LOGTOOL" cat --help
expect_status 0
expect_out '^usage: logtool cat'
expect_err_empty
# A file that is not a log prints as records without a time, with a
# warning, and still exits 0: it was read completely.
printf 'first line\nsecond line\n' >notes.txt
run "$LOGTOOL" cat notes.txt
expect_status 0
expect_out '^second line$'
expect_err "^logtool: warning: no record of 'notes.txt' has a time \(1 record\): is it a log file\?$"
exit 0
