#!/bin/sh
# make demo: generates three days of sample Aura logs and runs the main job
# on them. rotate archives the closed days, and index adds the bundles and
# the open files to an SQLite index. analyze then flags the incident
# window, and query prints that window's errors.
#
# The clock is fixed (LOGTOOL_NOW, TZ) so that every run prints the same.
set -eu
build=${1:-build}
lt="$build/logtool"
demo=demo

# The writer's local zone is UTC+1 with no daylight saving time, and "now"
# is the afternoon of the third day, so its files are still open.
TZ='<+01>-1'
LOGTOOL_NOW=2025-12-03T16:00:00+01:00
export TZ LOGTOOL_NOW

step() {
	printf '\n== %s\n$ %s\n' "$1" "$2"
}

rm -rf "$demo"
mkdir -p "$demo"

step "generate three days of Aura logs" \
    "aura-loggen --start 2025-12-01 --days 3 --rate 15 $demo/logs"
"$build/aura-loggen" --start 2025-12-01 --days 3 --rate 15 "$demo/logs"
ls -l "$demo/logs" | sed 1d

step "archive the closed files" "logtool rotate $demo/logs"
"$lt" rotate "$demo/logs"

step "index the bundles and the open files" \
    "logtool index --db $demo/logtool.db $demo/logs/archive $demo/logs"
"$lt" index --db "$demo/logtool.db" "$demo/logs/archive" "$demo/logs"

step "error-rate windows of the second day's afternoon (windows are printed in UTC)" \
    "logtool analyze --db $demo/logtool.db --since 2025-12-02T13:30+01:00 --until 2025-12-02T15:00+01:00 --format text"
status=0
"$lt" analyze --db "$demo/logtool.db" --since 2025-12-02T13:30+01:00 \
    --until 2025-12-02T15:00+01:00 --format text || status=$?
echo "(analyze exit status $status: 1 means a SEV-2 window was found)"

step "the errors of the incident window" \
    "logtool query --db $demo/logtool.db --since 2025-12-02T14:05+01:00 --until 2025-12-02T14:25+01:00 --level ERR+ --top 5"
"$lt" query --db "$demo/logtool.db" --since 2025-12-02T14:05+01:00 \
    --until 2025-12-02T14:25+01:00 --level ERR+ --top 5

step "one failed request's whole story" \
    "logtool query --db $demo/logtool.db --trace ID"
id=$("$lt" query --db "$demo/logtool.db" --since 2025-12-02T14:05+01:00 \
    --until 2025-12-02T14:25+01:00 --level ERR --format tsv --limit 1 |
    awk -F'\t' 'NR == 2 { print $3 }')
echo "(ID = $id)"
"$lt" query --db "$demo/logtool.db" --trace "$id" | cut -c1-160
[ "$status" -eq 1 ] || { echo "demo: no SEV-2 window found" >&2; exit 1; }
