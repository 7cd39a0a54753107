# logtool-analyze(1) and logtool-report(1) name their command as two words
# everywhere. A bare .Nm repeats the name from the NAME section, and mdoc
# formatters differ in how much of a two-word name they keep (mandoc keeps
# the first word), so every .Nm spells it out.
. "$TESTS/cli/lib.sh"

for cmd in analyze report; do
	page="$TESTS/../man/logtool-$cmd.1"
	grep -n '^\.Nm' "$page" >nm
	[ "$(wc -l <nm)" -ge 3 ] || fail "fewer than 3 .Nm lines in $page"
	grep -v ":\.Nm logtool $cmd\$" nm >bare
	[ ! -s bare ] || fail ".Nm without 'logtool $cmd': $(cat bare)"

	command -v groff >/dev/null || continue
	groff -mdoc -Tutf8 "$page" 2>/dev/null |
	    sed 's/\x1b\[[0-9;]*m//g; s/.\x08//g' >page.txt
	awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' \
	    page.txt >synopsis
	grep -q "^ *logtool $cmd \[" synopsis ||
	    fail "SYNOPSIS lacks 'logtool $cmd': $(cat synopsis)"
	awk '/^DESCRIPTION/ { getline; print; exit }' page.txt >first
	grep -q "^ *logtool $cmd " first ||
	    fail "DESCRIPTION does not start with 'logtool $cmd'"
done
exit 0
