# A reader that stops early (| head) ends output quietly with the
# command's own status; a full disk on stdout is one error line and
# exit status 1, or 2 for analyze and query, whose 1 means a finding (a
# SEV-2 window, no match).
. "$TESTS/cli/lib.sh"

seq 1 200000 | sed 's/^/2025-12-01 10:00:00.000 +00:00 [INF] line /' >big.log

"$LOGTOOL" cat big.log 2>err | head -n 1 >/dev/null
[ ! -s err ] || fail "a closed pipe printed: $(cat err)"
status=$("$LOGTOOL" cat big.log 2>/dev/null | { head -n 1 >/dev/null; cat >/dev/null; }; echo ok)
[ "$status" = ok ] || fail "pipeline did not finish"
sh -c '"$0" cat big.log; echo $? >rc' "$LOGTOOL" 2>err | head -n 1 >/dev/null
[ "$(cat rc)" -eq 0 ] || fail "exit status $(cat rc) after a closed pipe"

if [ -w /dev/full ]; then
	run "$LOGTOOL" cat big.log
	run sh -c '"$0" cat big.log >/dev/full' "$LOGTOOL"
	expect_status 1
	expect_err "^logtool: cannot write to standard output: No space left on device$"
	[ "$(wc -l <err)" -eq 1 ] || fail "more than one error line"

	# No window reaches SEV-2 here, so the output failure alone decides.
	run sh -c '"$0" analyze big.log >/dev/full' "$LOGTOOL"
	expect_status 2
	expect_err "^logtool: cannot write to standard output: No space left on device$"
	"$LOGTOOL" index --db i.db big.log >/dev/null 2>&1 ||
	    fail "index failed"
	run sh -c '"$0" query --db i.db --match line >/dev/full' "$LOGTOOL"
	expect_status 2
	expect_err "^logtool: cannot write to standard output: No space left on device$"
fi
exit 0
