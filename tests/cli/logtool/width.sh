# Source lines fit in 80 columns (tabs count as 8, a UTF-8 character as
# one), so that code reads in a terminal and a long line is a sign that a
# function wants splitting.
. "$TESTS/cli/lib.sh"

top="$TESTS/.."
find "$top/logtool" "$top/rotate" "$top/index" "$top/analyze" \
    "$top/tests/unit" "$top/tests/gen" -name '*.[ch]' -print | sort |
while read -r f; do
	perl -CSD -Mutf8 -ne '
		chomp;
		1 while s/^([^\t]*)\t/$1 . " " x (8 - length($1) % 8)/e;
		printf "%s:%d: %d columns\n", $ARGV, $., length
		    if length > 80;
	' "$f" 2>/dev/null
done | sed "s|^$top/||" >out
[ ! -s out ] || fail "lines over 80 columns:
$(head -n 20 out)"
exit 0
