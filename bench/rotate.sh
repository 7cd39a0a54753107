#!/bin/sh
# Times `logtool rotate` on an Aura log folder of at least 500 MB against
# tar piped to gzip and zstd at the same levels, in the same run. rotate's
# time includes what tar does not do: reading every bundle back, SHA-256
# of every member twice, fsync and the manifest.
#
#   LOGTOOL, LOGGEN   the binaries (bench/run.sh sets them)
#   BENCH_DIR         scratch folder (default: a new mktemp -d)
#   ROTATE_BENCH_SIZE folder size for aura-loggen --size (default 500M)
#
# Each case starts from a fresh, synced copy of the folder with the page
# cache warm, so the figures compare CPU work more than the disk. On a
# shared machine the elapsed times vary with the load; the CPU times vary
# less.
set -eu
: "${LOGTOOL:?set LOGTOOL to the logtool binary}"
: "${LOGGEN:?set LOGGEN to the aura-loggen binary}"
base=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/logtool-bench.XXXXXX")}
dir=$base/rotate
size=${ROTATE_BENCH_SIZE:-500M}
mkdir -p "$dir"
if [ ! -d "$dir/src" ]; then
	"$LOGGEN" --size "$size" --start 2025-12-01 "$dir/src" >/dev/null
fi
# Every file is closed: "today" is after the last day written.
LOGTOOL_NOW=2027-01-01T12:00
TZ=UTC
export LOGTOOL_NOW TZ

bytes=$(cat "$dir"/src/*.log | wc -c)
nfiles=$(ls "$dir"/src | wc -l)
echo "input: $nfiles files, $bytes bytes ($(uname -m), $(nproc) CPUs)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

fresh_copy() {
	rm -rf "$dir/work" "$dir/out"
	cp -a "$dir/src" "$dir/work"
	mkdir "$dir/out"
	sync
	cat "$dir"/work/*.log >/dev/null
}

# case_time NAME COMMAND...: runs COMMAND on a fresh copy and prints its
# elapsed time, its CPU time (user + system, child processes included)
# and the total size of what it wrote to $dir/out or $dir/work/archive.
case_time() {
	name=$1
	shift
	fresh_copy
	/usr/bin/time -o "$dir/time" -f '%e %U %S' "$@" >/dev/null
	out=$(du -cb "$dir"/out "$dir"/work/archive 2>/dev/null | tail -n 1 |
	    cut -f1)
	read -r elapsed user sys <"$dir/time"
	printf '%-32s %7.2f s %7.2f s cpu %11s bytes\n' "$name" "$elapsed" \
	    "$(echo "$user + $sys" | bc)" "$out"
}

# The tar cases: tar piped to the compressor, as `tar czf` runs gzip.
tar_gzip='cd "$1/work" && tar -cf - -- *.log | gzip -"$2" >"$1/out/all.tar.gz"'
tar_zstd='cd "$1/work" && tar -cf - -- *.log |
    zstd -q -T1 -"$2" >"$1/out/all.tar.zst"'
rotate="$LOGTOOL rotate --family warnings --family performance --family audit"

printf '%-32s %9s %13s %17s\n' case elapsed "cpu time" output
case_time "tar | gzip -6" sh -c "$tar_gzip" sh "$dir" 6
case_time "logtool rotate gzip 6" $rotate --compress gzip --level 6 "$dir/work"
case_time "tar | gzip -1" sh -c "$tar_gzip" sh "$dir" 1
case_time "logtool rotate gzip 1" $rotate --compress gzip --level 1 "$dir/work"
case_time "tar | zstd -3 -T1" sh -c "$tar_zstd" sh "$dir" 3
case_time "logtool rotate zstd 3" $rotate --compress zstd --level 3 "$dir/work"
case_time "logtool rotate zstd 3 threads 0" $rotate --compress zstd \
    --level 3 --threads 0 "$dir/work"
case_time "logtool rotate zstd 1" $rotate --compress zstd --level 1 "$dir/work"
case_time "logtool rotate zstd (default)" $rotate --compress zstd "$dir/work"
rm -rf "$dir/work" "$dir/out"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
