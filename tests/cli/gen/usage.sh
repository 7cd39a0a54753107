# Usage errors exit 2 with an "aura-loggen: " message; --help exits 0.
. "$TESTS/cli/lib.sh"

run "$LOGGEN" --help
expect_status 0
expect_out '^usage: aura-loggen'
expect_out '--truth FILE'
expect_err_empty

bad() {
	run "$LOGGEN" "$@"
	expect_status 2
	expect_err '^aura-loggen: '
	[ ! -e logs ] || fail "a usage error created the folder: $*"
}

bad
bad logs extra
bad --stdout logs
bad --seed x logs
bad --seed -1 logs
bad --days 0 logs
bad --days 3 --size 1M logs
bad --start 2025-02-30 logs
bad --start 2025-12-1 logs
bad --utc-offset 01:00 logs
bad --utc-offset +15:00 logs
bad --rate 0 logs
bad --rate ten logs
bad --roll-size 0 logs
bad --roll-size 10X logs
bad --size 1T logs
bad --incident 2025-12-02T14:05 logs
bad --incident 2025-12-02T14:05/20/12 logs
bad --incident 2025-12-02T14:05/20m/120 logs
bad --incident 2025-12-02/20m/12 logs
bad --incident none --incident 2025-12-02T14:05/20m/12 logs
bad --families aura-api,debug logs
bad --families errors --stdout
bad --template xml logs
bad --no-such-option logs

# A file where the folder should be is a failure, not a usage error.
: >plain
run "$LOGGEN" --days 1 plain
expect_status 1
expect_err "^aura-loggen: .*'plain'"

# A failed write is reported and exits 1.
if [ -w /dev/full ]; then
	status=0
	"$LOGGEN" --days 1 --stdout >/dev/full 2>err || status=$?
	expect_status 1
	expect_err "^aura-loggen: cannot write 'standard output': "
fi
