# analyze and report give byte-identical output and the same exit status
# with request scanning (the default) and with LOGTOOL_ANALYZE_FULLPARSE=1
# (every record parsed in full): on generated logs of all five templates
# and all five families, on hostile records, on the fuzz seeds and on the
# real logs.
. "$TESTS/cli/lib.sh"

# The report's generation time.
LOGTOOL_NOW=2026-01-01T00:00:00Z
export LOGTOOL_NOW

# Runs logtool "$@" in both modes and fails when stdout, stderr, the exit
# status or the written report.html differ.
same_both_ways() {
	rm -f report.html full.html
	run env LOGTOOL_ANALYZE_FULLPARSE=1 "$LOGTOOL" "$@"
	mv out full.out
	mv err full.err
	[ ! -e report.html ] || mv report.html full.html
	full_status=$status
	run env LOGTOOL_ANALYZE_FULLPARSE= "$LOGTOOL" "$@"
	[ "$status" -eq "$full_status" ] ||
	    fail "exit status $status, full parse $full_status: $*"
	cmp -s out full.out || fail "stdout differs from the full parse: $*
$(diff full.out out | head -n 10)"
	cmp -s err full.err || fail "stderr differs from the full parse: $*"
	[ ! -e full.html ] || cmp -s report.html full.html ||
	    fail "the report differs from the full parse: $*"
}

# Compares analyze in json, tsv with the entries basis and text, and
# report.
compare_input() {
	same_both_ways analyze --format json --min-requests 1 "$@"
	same_both_ways analyze --format tsv --basis entries "$@"
	same_both_ways analyze --format text --include-health \
	    --exclude-path '/api/jobs*' "$@"
	same_both_ways report -o report.html "$@"
}

families=aura-api,errors,warnings,performance,audit
for template in trace bracketed default json clef; do
	for seed in 3 11; do
		dir=gen-$template-$seed
		"$LOGGEN" --size 600K --rate 40 --seed "$seed" \
		    --incident 2025-12-01T00:10/15m/40 --template "$template" \
		    --families "$families" "$dir" >/dev/null ||
		    fail "aura-loggen failed for $template"
		compare_input "$dir"
	done
done
"$LOGGEN" --size 300K --crlf --seed 5 --families "$families" crlf \
    >/dev/null || fail "aura-loggen --crlf failed"
compare_input crlf

# Hostile records: requests at every level, requests behind broken trace
# ids or an unclosed properties object, a byte-order mark inside the
# stream, NUL bytes, invalid UTF-8, CRLF and a long line.
{
	printf 'orphan before any header\n'
	for level in VRB DBG INF WRN ERR FTL; do
		printf '[2025-12-01 10:00:00.000 +01:00] [%s] [c] [] [] ' "$level"
		printf 'Request completed: GET /a - 503 in 5ms {"X":"}"}\n'
		printf '2025-12-01 10:00:01.000 +01:00 [%s] HTTP GET /b ' "$level"
		printf 'responded 500 in 1.0 ms\r\n'
		printf 'System.Exception: boom\r\n   at X.Y()\r\n'
	done
	printf '[2025-12-01 10:00:02.000 +01:00] [INF] [c] [zz] [] '
	printf 'Request completed: GET /c - 500 in 1ms\n'
	printf '[2025-12-01 10:00:03.000 +01:00] [INF] [c] Request failed: '
	printf 'GET /d after 3ms {"unclosed":\n'
	printf '\357\273\2772025-12-01 10:00:04.000 +01:00 [INF] Response: '
	printf 'GET /e 500 in 2ms\n'
	printf '2025-12-01 10:00:05.000 +01:00 [INF] nul \000 and \377 bytes\n'
	printf '2025-12-01 10:00:06 INFO Request finished HTTP/1.1 GET '
	printf 'http://h/f - 500 - - 9.0ms\n'
	printf '2025-12-01 10:00:07.000 +01:00 [INF] '
	head -c 200000 /dev/zero | tr '\0' 'x'
	printf '\n2025-12-01 24:00:00.000 +01:00 [INF] Request completed: '
	printf 'GET /g - 500 in 1ms\n'
} >hostile.log
compare_input hostile.log
compare_input hostile.log hostile.log

for seed in "$TESTS"/fuzz/seeds/*; do
	compare_input "$seed"
done

if [ -n "${REAL:-}" ]; then
	for file in "$REAL"/*; do
		case $file in
		*.md) continue ;;
		esac
		compare_input "$file"
	done
	compare_input "$REAL"
fi
exit 0
