# Helpers for CLI tests; each test starts with `. "$TESTS/cli/lib.sh"`.
#
#   run CMD...            runs CMD, keeping stdout in ./out, stderr in
#                         ./err and the exit status in $status
#   expect_status N       fails unless the last run exited with N
#   expect_out PATTERN    fails unless ./out has a line matching the
#                         extended regex PATTERN (likewise expect_err)
#   expect_no_out PATTERN fails if ./out has a matching line
#   expect_out_lines N    fails unless ./out has exactly N lines
#   expect_err_empty      fails unless ./err is empty
#   fail MESSAGE          fails the test with MESSAGE
#   skip MESSAGE          skips the test (exit 77) with MESSAGE
#   need_real             skips unless the real logs folder exists
set -u

fail() {
	echo "FAILED: $*"
	echo "--- stdout (first 20 lines)"; head -n 20 out 2>/dev/null
	echo "--- stderr (first 20 lines)"; head -n 20 err 2>/dev/null
	exit 1
}

skip() {
	echo "$*"
	exit 77
}

need_real() {
	[ -n "${REAL:-}" ] || skip "real logs folder not found"
}

run() {
	status=0
	"$@" >out 2>err || status=$?
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "exit status $status, expected $1: $*"
}

expect_out() {
	grep -Eq -- "$1" out || fail "stdout has no line matching '$1'"
}

expect_no_out() {
	! grep -Eq -- "$1" out || fail "stdout has a line matching '$1'"
}

expect_err() {
	grep -Eq -- "$1" err || fail "stderr has no line matching '$1'"
}

expect_no_err() {
	! grep -Eq -- "$1" err || fail "stderr has a line matching '$1'"
}

expect_err_empty() {
	[ ! -s err ] || fail "stderr is not empty"
}

expect_out_lines() {
	n=$(wc -l <out)
	[ "$n" -eq "$1" ] || fail "stdout has $n lines, expected $1"
}
