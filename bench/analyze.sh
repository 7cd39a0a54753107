#!/bin/sh
# Analyze benchmark: `logtool analyze` on a plain realistic Aura log
# against a mawk program and lnav's SQL that compute the same
# per-5-minute request and failure counts (each result is checked to be
# equal), then analyze on the gzip file against `gzip -dc`, then peak
# memory (maximum resident set size) at growing sizes and request rates.
#
# Environment: LOGTOOL, LOGGEN (binaries), BENCH_DIR (scratch folder),
# BENCH_ANALYZE_SIZE (log size, default 200M), BENCH_RUNS (runs per
# command, the fastest is kept; default 3), BENCH_HYPERFINE_RUNS (runs
# of analyze and mawk under hyperfine, when it is installed; default 15).
# Needs mawk, lnav, gzip and GNU time (/usr/bin/time).
#
# Times are wall-clock seconds and CPU seconds (user + system) of the
# fastest run; on a shared machine the CPU figure is the steadier one.
set -eu
: "${LOGTOOL:?}" "${LOGGEN:?}" "${BENCH_DIR:?}"
here=$(cd "$(dirname "$0")" && pwd)
size=${BENCH_ANALYZE_SIZE:-200M}
runs=${BENCH_RUNS:-3}
dir="$BENCH_DIR/analyze"
rm -rf "$dir"
mkdir -p "$dir/home"
cd "$dir"
TZ=UTC
export TZ

# Runs a command $runs times with stdout to $out; prints the fastest run
# as "wall cpu maxrss_kib".
best() {
	i=0
	: >times
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f '%e %U %S %M' -o t.one "$@" >"$out" 2>/dev/null ||
		    true
		tail -n 1 t.one >>times
		i=$((i + 1))
	done
	sort -n times | head -n 1 |
	    awk '{ printf "%.2f %.2f %d", $1, $2 + $3, $4 }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'
}

echo "generating $size of aura-api log (trace template)"
"$LOGGEN" --stdout --size "$size" >big.log
bytes=$(wc -c <big.log)

out=analyze.tsv
set -- $(best "$LOGTOOL" analyze --format tsv --min-requests 0 big.log)
a_wall=$1 a_cpu=$2 a_rss=$3
awk -F'\t' 'NR > 1 && $3 > 0 { print $3 "\t" $4 }' analyze.tsv >a.counts

out=mawk.tsv
set -- $(best mawk -f "$here/analyze/count.awk" big.log)
m_wall=$1 m_cpu=$2
sort mawk.tsv | cut -f 2,3 >m.counts
cmp -s a.counts m.counts || { echo "mawk counts differ from analyze"; exit 1; }

HOME="$dir/home" lnav -i "$here/analyze/lnav-aura-trace.json" >/dev/null 2>&1
out=lnav.txt
set -- $(best env HOME="$dir/home" lnav -n -f "$here/analyze/lnav.sql" \
    big.log)
l_wall=$1 l_cpu=$2
awk 'NR > 1 && NF == 3 { print $2 "\t" $3 }' lnav.txt >l.counts
cmp -s a.counts l.counts || { echo "lnav counts differ from analyze"; exit 1; }

gzip -c big.log >big.log.gz
out=/dev/null
set -- $(best gzip -dc big.log.gz)
g_wall=$1 g_cpu=$2
out=analyze-gz.tsv
set -- $(best "$LOGTOOL" analyze --format tsv --min-requests 0 big.log.gz)
z_wall=$1 z_cpu=$2
cmp -s analyze.tsv analyze-gz.tsv || { echo "gzip input differs"; exit 1; }

# Peak memory as the input grows. The log with a second one of another
# seed has twice the records in the same time span (the same log named
# twice would be read once). Logs of twice and four times the size have
# twice and four times the span. One day at 200, 400 and 800 requests a
# minute keeps the span and raises the rate.
out=/dev/null
"$LOGGEN" --stdout --seed 2 --size "$size" >other.log
set -- $(best "$LOGTOOL" analyze --format tsv big.log other.log)
t_rss=$3
rm -f other.log
"$LOGGEN" --stdout --size $((bytes * 2)) >double.log
set -- $(best "$LOGTOOL" analyze --format tsv double.log)
d_rss=$3
rm -f double.log
"$LOGGEN" --stdout --size $((bytes * 4)) >quad.log
set -- $(best "$LOGTOOL" analyze --format tsv quad.log)
q_rss=$3
set -- $(best "$LOGTOOL" report -o report.html big.log)
r1_rss=$3
set -- $(best "$LOGTOOL" report -o report.html quad.log)
r4_rss=$3
rm -f quad.log
rate_rss=
for rate in 200 400 800; do
	"$LOGGEN" --stdout --days 1 --rate $rate >rate.log
	set -- $(best "$LOGTOOL" analyze --format tsv rate.log)
	rate_rss="$rate_rss $rate/min: $3 KiB ($(wc -c <rate.log) bytes);"
done
rm -f rate.log

echo "log: $bytes bytes, $(wc -l <big.log) lines, $(($(wc -l <analyze.tsv) - 1)) windows"
echo "| command | wall s | CPU s | analyze faster by (wall / CPU) |"
echo "|---|---|---|---|"
echo "| logtool analyze | $a_wall | $a_cpu | |"
echo "| mawk -f count.awk | $m_wall | $m_cpu | $(ratio "$m_wall" "$a_wall")x / $(ratio "$m_cpu" "$a_cpu")x |"
echo "| lnav -n -f lnav.sql | $l_wall | $l_cpu | $(ratio "$l_wall" "$a_wall")x / $(ratio "$l_cpu" "$a_cpu")x |"
echo "| gzip -dc big.log.gz | $g_wall | $g_cpu | |"
echo "| logtool analyze big.log.gz | $z_wall | $z_cpu | $(ratio "$z_wall" "$g_wall") / $(ratio "$z_cpu" "$g_cpu") of gzip -dc |"
echo "peak RSS: $a_rss KiB for the log, $t_rss KiB for it and another of the same span, $d_rss KiB for a log of twice the size, $q_rss KiB for four times"
echo "peak RSS for one day at a request rate:$rate_rss"
echo "peak RSS of report: $r1_rss KiB for the log, $r4_rss KiB for four times its size"

# GNU time counts in steps of 10 ms, which is coarse for analyze's 0.1 s
# or so. hyperfine's means of more runs give a steadier ratio.
if command -v hyperfine >/dev/null; then
	hyperfine -N -i -w 2 -r "${BENCH_HYPERFINE_RUNS:-15}" \
	    --export-json hf.json \
	    -n analyze "$LOGTOOL analyze --format tsv --min-requests 0 big.log" \
	    -n mawk "mawk -f $here/analyze/count.awk big.log" >/dev/null 2>&1
	awk -F'[:,]' '/"mean"/ { mean[++n] = $2 }
	    /"stddev"/ { sd[n] = $2 }
	    END { printf "hyperfine means: analyze %.1f ms (sd %.1f), " \
	    "mawk %.1f ms (sd %.1f): %.1fx\n", mean[1] * 1000, sd[1] * 1000,
	    mean[2] * 1000, sd[2] * 1000, mean[2] / mean[1] }' hf.json
fi
