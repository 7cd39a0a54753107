#!/bin/sh
# Runs the CLI tests: every tests/cli/*/*.sh, each in a new scratch folder,
# against the binaries in BUILD (the first argument).
#
# A test script reports through its exit status: 0 passed, 77 skipped
# (its first line of output says why), anything else failed. It sees:
#   LOGTOOL    the logtool binary      LOGGEN   the sample generator
#   REAL       ../shared/data/real, when it exists (else unset)
#   LONG       1 for `make check-long`, else 0
#   TESTS      the tests/ folder, for lib.sh and fixtures
# Set KEEP=1 to keep the scratch folders; their paths are printed.
set -u
build=$(cd "${1:-build}" && pwd)
tests=$(cd "$(dirname "$0")" && pwd)
LOGTOOL="$build/logtool"
LOGGEN="$build/aura-loggen"
LONG=${LOGTOOL_LONG:-0}
TESTS=$tests
export LOGTOOL LOGGEN LONG TESTS
real="$tests/../../shared/data/real"
if [ -d "$real" ]; then
	REAL=$(cd "$real" && pwd)
	export REAL
else
	unset REAL
	echo "note: $real not found; tests of the real logs are skipped"
fi
# Times and zones are fixed so that output does not depend on the machine.
TZ=UTC LC_ALL=C
export TZ LC_ALL

pass=0 fail=0 skip=0
for t in "$tests"/cli/*/*.sh; do
	[ -e "$t" ] || continue
	name=${t#"$tests"/cli/}
	name=${name%.sh}
	dir=$(mktemp -d "${TMPDIR:-/tmp}/logtool-cli.XXXXXX")
	out=$(cd "$dir" && sh "$t" 2>&1)
	rc=$?
	case $rc in
	0)  pass=$((pass + 1)); echo "PASS $name" ;;
	77) skip=$((skip + 1))
	    echo "SKIP $name: $(printf '%s\n' "$out" | head -n 1)" ;;
	*)  fail=$((fail + 1)); echo "FAIL $name (exit $rc)"
	    printf '%s\n' "$out" | sed 's/^/    /' | tail -n 40 ;;
	esac
	if [ "${KEEP:-0}" = 1 ]; then echo "    kept $dir"; else rm -rf "$dir"; fi
done
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
