# The core library never prints and never exits: no object in
# liblogtool.a refers to stdio output on the standard streams or to
# exit(). Commands decide what to print and which status to return.
. "$TESTS/cli/lib.sh"

lib="$(dirname "$LOGTOOL")/liblogtool.a"
[ -f "$lib" ] || fail "'$lib' not found"
command -v nm >/dev/null || skip "nm not found"

nm -A "$lib" 2>/dev/null |
    grep -E ' U (exit|_exit|abort|printf|puts|perror|putchar|stdout|stderr|err|errx|warn|warnx|error)$' \
    >out || true
[ ! -s out ] || fail "core objects print or exit: $(cat out)"
exit 0
