#!/bin/sh
# make bench: runs every bench/<area>.sh against the binaries in BUILD and
# prints their figures. Each script writes its own results table; the
# recorded figures, with the machine they came from, are in
# docs/BENCHMARKS.md.
set -eu
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
LOGTOOL="$build/logtool"
LOGGEN="$build/aura-loggen"
BENCH_DIR=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/logtool-bench.XXXXXX")}
export LOGTOOL LOGGEN BENCH_DIR
echo "bench: scratch folder $BENCH_DIR (kept for inspection)"
status=0
for script in "$here"/rotate.sh "$here"/index.sh "$here"/analyze.sh; do
	[ -f "$script" ] || continue
	echo "== $(basename "$script" .sh)"
	sh "$script" || status=1
done
exit $status
