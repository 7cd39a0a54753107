#!/bin/sh
# Index benchmark: `logtool index` on a realistic Aura log of about two
# million records, against loading the same records with sqlite3 .import
# (without and with building the same FTS5 index), then lookups by
# correlation id, by a one-hour range and by a full-text term, and the
# correlation id lookup against zgrep over the same logs as a bundle.
# `logtool index --no-fts` is timed against the import alone. The import
# builds the same events indexes as logtool, with the same page size.
# Peak memory comes from /usr/bin/time and the lookups are also timed
# with hyperfine, when those are installed.
#
# Environment: LOGTOOL, LOGGEN (binaries), BENCH_DIR (scratch folder),
# BENCH_INDEX_SIZE (log size, default 700M, about 2 million records),
# BENCH_RUNS (runs per lookup, default 20). Needs sqlite3, tar, gzip, zgrep.
set -eu
: "${LOGTOOL:?}" "${LOGGEN:?}" "${BENCH_DIR:?}"
size=${BENCH_INDEX_SIZE:-700M}
runs=${BENCH_RUNS:-20}
dir="$BENCH_DIR/index"
rm -rf "$dir"
mkdir -p "$dir/logs"
cd "$dir"

now() {
	date +%s.%N
}

# Prints the seconds since $1 with three decimals.
since() {
	awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'
}

# Runs a command $runs times and prints the mean wall time in ms.
mean_ms() {
	t=$(now)
	i=0
	while [ $i -lt "$runs" ]; do
		"$@" >/dev/null 2>&1 || true
		i=$((i + 1))
	done
	awk -v a="$t" -v b="$(now)" -v n="$runs" \
	    'BEGIN { printf "%.1f", (b - a) * 1000 / n }'
}

# Runs a command, printing its peak resident memory to peak.txt when
# /usr/bin/time is there.
peak() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M KiB peak, %U s user, %S s system' \
		    -o peak.txt "$@"
	else
		echo '? KiB peak' >peak.txt
		"$@"
	fi
}

mib() {
	awk -v b="$(du -cb "$@" | tail -n 1 | cut -f 1)" \
	    'BEGIN { printf "%.0f MiB", b / 1048576 }'
}

echo "generating $size of aura-api logs"
"$LOGGEN" --size "$size" --families aura-api --rate 400 logs
echo "logs: $(ls logs | wc -l) files, $(mib logs)"

t=$(now)
peak "$LOGTOOL" index -q --db idx.db logs
index_s=$(since "$t")
records=$("$LOGTOOL" sql --db idx.db 'SELECT count(*) FROM events' |
    tail -n 1)
echo "logtool index: $records records in $index_s s, database $(mib idx.db*)"
echo "  $(cat peak.txt)"

t=$(now)
"$LOGTOOL" index -q --db idx.db logs
again_s=$(since "$t")
echo "logtool index again (nothing new): $again_s s"

t=$(now)
peak "$LOGTOOL" index -q --no-fts --db nofts.db logs
nofts_s=$(since "$t")
echo "logtool index --no-fts: $nofts_s s, database $(mib nofts.db*)"
echo "  $(cat peak.txt)"

# The same records, already split into columns, as CSV for .import.
sqlite3 -csv idx.db "SELECT event_key, ts, level, correlation_id,
    trace_id, span_id, message, exception, raw, format FROM events" \
    >events.csv
cat >import.sql <<'SQL'
PRAGMA page_size=16384;
CREATE TABLE events(id INTEGER PRIMARY KEY, event_key INTEGER NOT NULL,
  ts INTEGER, level INTEGER NOT NULL, correlation_id TEXT,
  trace_id TEXT, span_id TEXT, message TEXT NOT NULL, exception TEXT,
  raw BLOB NOT NULL, format INTEGER NOT NULL);
CREATE UNIQUE INDEX events_ts_key ON events(ts, event_key);
CREATE TEMP TABLE csv(event_key, ts, level, correlation_id, trace_id,
  span_id, message, exception, raw, format);
.import --csv events.csv csv
INSERT INTO events(event_key, ts, level, correlation_id, trace_id, span_id,
  message, exception, raw, format) SELECT * FROM csv;
CREATE INDEX events_id_ts ON events(id, ts);
CREATE INDEX events_level_ts ON events(level, ts);
CREATE INDEX events_correlation ON events(correlation_id COLLATE NOCASE, ts);
CREATE INDEX events_trace ON events(trace_id COLLATE NOCASE, ts);
SQL
rm -f imp.db
t=$(now)
peak sqlite3 imp.db <import.sql
import_s=$(since "$t")
echo "sqlite3 .import (same columns and indexes): $import_s s"
echo "  $(cat peak.txt)"

t=$(now)
sqlite3 imp.db "CREATE VIRTUAL TABLE events_fts USING fts5(message,
    exception, content='events', content_rowid='id');
    INSERT INTO events_fts(events_fts) VALUES('rebuild');"
fts_s=$(since "$t")
echo "  + building the same FTS5 index: $fts_s s, database $(mib imp.db)"
awk -v n="$nofts_s" -v i="$import_s" -v x="$index_s" -v f="$fts_s" 'BEGIN {
	printf "index --no-fts / import: %.2f\n", n / i
	printf "index / (import + FTS5 build): %.2f\n", x / (i + f)
}'

t=$(now)
sqlite3 imp.db "CREATE VIRTUAL TABLE tri_fts USING fts5(message,
    exception, content='events', content_rowid='id', tokenize='trigram');
    INSERT INTO tri_fts(tri_fts) VALUES('rebuild');"
tri_s=$(since "$t")
uni_kib=$(sqlite3 imp.db "SELECT sum(pgsize) / 1024 FROM dbstat
    WHERE name LIKE 'events_fts%'" 2>/dev/null || echo '?')
tri_kib=$(sqlite3 imp.db "SELECT sum(pgsize) / 1024 FROM dbstat
    WHERE name LIKE 'tri_fts%'" 2>/dev/null || echo '?')
echo "  FTS5 unicode61: $fts_s s, $uni_kib KiB; trigram: $tri_s s, $tri_kib KiB"

corr=$(sqlite3 idx.db "SELECT correlation_id FROM events
    WHERE level = 4 ORDER BY id LIMIT 1 OFFSET 100")
# The hour that contains the median record.
mid="SELECT ts / 1000 FROM events ORDER BY id LIMIT 1
    OFFSET (SELECT count(*) / 2 FROM events)"
hour=$(sqlite3 idx.db "SELECT strftime('%Y-%m-%dT%H:00Z', ($mid),
    'unixepoch')")
hour_end=$(sqlite3 idx.db "SELECT strftime('%Y-%m-%dT%H:00Z',
    ($mid) + 3600, 'unixepoch')")
term=NpgsqlException
n_corr=$("$LOGTOOL" query --db idx.db --correlation "$corr" --count ||
    true)
n_hour=$("$LOGTOOL" query --db idx.db --since "$hour" --until "$hour_end" \
    --count || true)
n_term=$("$LOGTOOL" query --db idx.db --match "$term" --count || true)
echo "lookups (mean of $runs runs, process start included):"
echo "  correlation id $corr ($n_corr records): $(mean_ms \
    "$LOGTOOL" query --db idx.db --correlation "$corr") ms"
echo "  one hour $hour ($n_hour records, counted): $(mean_ms \
    "$LOGTOOL" query --db idx.db --since "$hour" --until "$hour_end" \
    --count) ms"
echo "  full-text term $term ($n_term records, first 100): $(mean_ms \
    "$LOGTOOL" query --db idx.db --match "$term" --limit 100) ms"
echo "  full-text term $term, counted: $(mean_ms \
    "$LOGTOOL" query --db idx.db --match "$term" --count) ms"
echo "  no lookup (sql 'SELECT 1'): $(mean_ms \
    "$LOGTOOL" sql --db idx.db 'SELECT 1') ms"
if command -v hyperfine >/dev/null; then
	hyperfine -N -w 3 -r "$runs" --style basic \
	    -n start "$LOGTOOL sql --db idx.db 'SELECT 1'" \
	    -n correlation "$LOGTOOL query --db idx.db --correlation $corr" \
	    -n hour "$LOGTOOL query --db idx.db --since $hour \
	    --until $hour_end --count" \
	    -n term "$LOGTOOL query --db idx.db --match $term --limit 100" \
	    -n term-count "$LOGTOOL query --db idx.db --match $term --count" \
	    2>&1 | grep -E '^(Benchmark|  Time)'
fi

tar -C logs -czf aura-logs-bench.tar.gz .
echo "bundle: $(mib aura-logs-bench.tar.gz)"
t=$(now)
zgrep -a -c "$corr" aura-logs-bench.tar.gz >/dev/null || true
echo "  zgrep for the correlation id in the bundle: $(since "$t") s"
t=$(now)
"$LOGTOOL" query --db idx.db --correlation "$corr" >/dev/null
echo "  logtool query --correlation: $(since "$t") s"
