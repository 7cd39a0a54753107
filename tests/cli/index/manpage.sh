# The pages of index, query and sql name the command as two words
# everywhere: a bare .Nm repeats only part of a two-word name in some
# mdoc formatters, so every .Nm spells it out. The --fts examples render
# as three separate quoted queries.
. "$TESTS/cli/lib.sh"

for cmd in index query sql; do
	page="$TESTS/../man/logtool-$cmd.1"
	grep -n '^\.Nm' "$page" >nm
	[ -s nm ] || fail "no .Nm line in $page"
	grep -v ":\\.Nm logtool $cmd\$" nm >bare
	[ ! -s bare ] || fail ".Nm without 'logtool $cmd': $(cat bare)"
done

command -v groff >/dev/null || exit 0
for cmd in index query sql; do
	groff -mdoc -Tutf8 "$TESTS/../man/logtool-$cmd.1" 2>/dev/null |
	    sed 's/\x1b\[[0-9;]*m//g' | sed 's/.\x08//g' >$cmd.txt
	awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' \
	    $cmd.txt >synopsis
	grep -q "^ *logtool $cmd \[--db" synopsis ||
	    fail "SYNOPSIS lacks 'logtool $cmd': $(cat synopsis)"
done
tr -s ' \n' ' ' <query.txt >query.flat
grep -q "such as ‘render NOT timeout’, ‘\"disk full\"’ or ‘time\*’\." \
    query.flat || fail "the --fts examples render wrongly"
exit 0
