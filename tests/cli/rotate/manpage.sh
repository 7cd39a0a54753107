# logtool-rotate(1) names the command as two words everywhere. A bare .Nm
# repeats the name from the NAME section, and mdoc formatters differ in
# how much of a two-word name they keep, so every .Nm spells it out.
. "$TESTS/cli/lib.sh"

page="$TESTS/../man/logtool-rotate.1"
grep -n '^\.Nm' "$page" >nm
[ -s nm ] || fail "no .Nm line in $page"
grep -v ':\.Nm logtool rotate$' nm >bare
[ ! -s bare ] || fail ".Nm without 'logtool rotate': $(cat bare)"

# The rendered SYNOPSIS shows both forms with the full name.
command -v groff >/dev/null || exit 0
groff -mdoc -Tutf8 "$page" 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' |
    sed 's/.\x08//g' >page.txt
awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' page.txt >synopsis
[ "$(grep -c '^ *logtool rotate ' synopsis)" -eq 2 ] ||
    fail "SYNOPSIS lacks 'logtool rotate' twice: $(cat synopsis)"
grep -q '^ *logtool rotate moves the closed files' page.txt ||
    fail "DESCRIPTION does not start with 'logtool rotate'"
exit 0
