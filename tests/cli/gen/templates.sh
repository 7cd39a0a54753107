# Every template variant writes parseable records: each line is a record
# header or a stack-trace line, and JSON lines are objects. logtool cat
# reads as many records as there are headers, with as many at ERR, and
# prints the same raw bytes.
. "$TESTS/cli/lib.sh"

date='20[0-9][0-9]-[01][0-9]-[0-3][0-9]'
clock='[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3}'
ts="$date $clock [+-][0-9]{2}:[0-9]{2}"
lvl='(VRB|DBG|INF|WRN|ERR|FTL)'
guid='[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
ids="\[$guid\] \[[0-9a-f]{32}\] \[[0-9a-f]{16}\]"
props='\{"SourceContext":"[^"]+",.*\}$'
header_trace="^\[$ts\] \[$lvl\] $ids .* $props"
header_bracketed="^\[$ts\] \[$lvl\] \[$guid\] .* $props"
header_default="^$ts \[$lvl\] "
header_json='^\{"Timestamp":"2025-12-[0-9T:.]*\+01:00","Level":"[A-Za-z]*",'
header_json="$header_json"'"MessageTemplate":".*\}$'
header_clef='^\{"@t":"2025-1[12]-[0-9T:.]*Z","@mt":".*\}$'
err_trace='^\[[^]]*\] \[ERR\] '
err_bracketed=$err_trace
err_default="^$ts \\[ERR\\] "
err_json='^\{"Timestamp":"[^"]*","Level":"Error",'
err_clef='^\{"@t":"[^"]*","@mt":"([^"\\]|\\.)*"'
err_clef="$err_clef"'(,"@r":\[[^]]*\])?,"@l":"Error",'
# Lines of a .NET exception: "Type: message", inner exceptions, frames.
trace_line='^([A-Za-z_][A-Za-z0-9_.]* ?(\(0x[0-9A-F]{8}\))?: | ---> |   at '
trace_line="$trace_line"'|   --- End of inner exception stack trace ---$'
trace_line="$trace_line"'|--- End of stack trace from previous location ---$)'

for tpl in trace bracketed default json clef; do
	run "$LOGGEN" --days 1 --rate 5 --template "$tpl" "$tpl"
	expect_status 0
	f=$tpl/aura-api-20251201.log
	[ -s "$f" ] || fail "$tpl: no output"
	case $tpl in
	json)
		headers=$(grep -Ec "$header_json" "$f")
		grep -q '"Exception":"System\.' "$f" ||
		    fail "json: no Exception"
		grep -q '"Renderings":{"Elapsed":\[{"Format":"0.0000"' \
		    "$f" || fail "json: no Renderings"
		# Serilog quotes string values in RenderedMessage.
		grep -q '"RenderedMessage":"Request completed: \\"GET\\" ' \
		    "$f" || fail "json: RenderedMessage without quotes" ;;
	clef)
		headers=$(grep -Ec "$header_clef" "$f")
		grep -q '"@l"' "$f" || fail "clef: no @l"
		grep -q '"@x":"' "$f" || fail "clef: no @x"
		grep -q '"@tr":"[0-9a-f]\{32\}","@sp":"[0-9a-f]\{16\}"' "$f" ||
		    fail "clef: no @tr and @sp"
		! grep -q '"@l":"Information"' "$f" ||
		    fail "clef: @l written for Information" ;;
	*)
		eval "header=\$header_$tpl"
		headers=$(grep -Ec "$header" "$f")
		others=$(grep -Ev "$header" "$f" | grep -Evc "$trace_line")
		[ "$others" -eq 0 ] ||
		    fail "$tpl: $others lines are neither header nor trace" ;;
	esac
	lines=$(wc -l <"$f")
	[ "$headers" -gt 500 ] || fail "$tpl: only $headers record headers"
	case $tpl in
	json|clef)
		[ "$headers" -eq "$lines" ] ||
		    fail "$tpl: $headers of $lines lines are records" ;;
	esac
	# logtool cat, when it is built, reads one record per header, with
	# the same levels, and prints the raw records byte for byte.
	status=0
	"$LOGTOOL" cat --format tsv "$f" >cat.out 2>cat.err || status=$?
	if [ "$status" -eq 0 ]; then
		n=$(($(wc -l <cat.out) - 1))
		[ "$n" -eq "$headers" ] || fail "$tpl: logtool cat" \
		    "printed $n records, $headers expected"
		errors=$(awk -F '\t' '$2 == "ERR"' cat.out | wc -l)
		eval "err=\$err_$tpl"
		[ "$errors" -eq "$(grep -Ec "$err" "$f")" ] ||
		    fail "$tpl: logtool cat found $errors ERR records"
		"$LOGTOOL" cat "$f" >raw.out ||
		    fail "$tpl: logtool cat --format raw failed"
		cmp -s raw.out "$f" ||
		    fail "$tpl: raw records differ from the file"
	fi
done

# --crlf ends every line, stack traces included, in CR LF.
run "$LOGGEN" --days 1 --rate 10 --crlf crlf
expect_status 0
lf=$(grep -vc "$(printf '\r')\$" crlf/aura-api-20251201.log)
[ "$lf" -eq 0 ] || fail "--crlf: $lf lines end in a bare LF"
