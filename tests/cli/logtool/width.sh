# Source lines fit in 80 columns (tabs count as 8), so that code reads in
# a terminal and a long line is a sign that a function wants splitting.
. "$TESTS/cli/lib.sh"

top="$TESTS/.."
find "$top/logtool" "$top/rotate" "$top/index" "$top/analyze" \
    "$top/tests/unit" "$top/tests/gen" -name '*.[ch]' -print |
while read -r f; do
	expand -t 8 "$f" | awk -v f="${f#"$top"/}" \
	    'length($0) > 80 { printf "%s:%d: %d columns\n", f, NR, length($0) }'
done >out
[ ! -s out ] || fail "lines over 80 columns:
$(head -n 20 out)"
exit 0
