# Every subcommand prints its usage on stdout with --help and exits 0, has
# a man page with an EXIT STATUS section, and rejects an unknown option
# with exit status 2 and a pointer to --help.
. "$TESTS/cli/lib.sh"

run "$LOGTOOL" --help
expect_status 0
expect_err_empty
cmds=$(awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }' out)
[ -n "$cmds" ] || fail "logtool --help lists no commands"

for cmd in $cmds; do
	run "$LOGTOOL" "$cmd" --help
	expect_status 0
	expect_err_empty
	expect_out "^usage: logtool $cmd"

	run "$LOGTOOL" "$cmd" --no-such-option
	expect_status 2
	expect_err "Try 'logtool $cmd --help'"

	page="$TESTS/../man/logtool-$cmd.1"
	[ -f "$page" ] || fail "no man page for '$cmd'"
	grep -q '^\.Sh EXIT STATUS' "$page" || fail "$page has no EXIT STATUS"

	# Every long option that --help lists is documented in the page.
	"$LOGTOOL" "$cmd" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u |
	while read -r opt; do
		name=${opt#--}
		grep -Eq "Fl -$name( |\$)" "$page" ||
		    { echo "$page: option $opt is not documented"; exit 1; }
	done || fail "man page and --help disagree for '$cmd'"
done

run "$LOGTOOL" frobnicate
expect_status 2
expect_err "^logtool: unknown command 'frobnicate'$"

run "$LOGTOOL"
expect_status 2

run "$LOGTOOL" --version
expect_status 0
expect_out '^logtool [0-9]'
exit 0
