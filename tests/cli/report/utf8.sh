# The report is UTF-8 even when the log is not. Bytes that are not UTF-8
# in a path or a record become U+FFFD. So do control characters and
# noncharacters, because HTML does not allow them. Valid characters stay.
. "$TESTS/cli/lib.sh"
command -v iconv >/dev/null || skip "iconv not found"

{
	printf '2025-12-01 10:00:0%d.000 +00:00 [ERR] HTTP GET /api/caf\303\251/\377\376\303 responded 500 in 12.0 ms\n' \
	    1 2 3 4 5 6 7 8
	printf '2025-12-01 10:00:09.000 +00:00 [ERR] \033[31mred\033[0m \357\277\276 HTTP GET /x responded 500 in 1.0 ms\n'
} >bad.log
run "$LOGTOOL" report --min-requests 1 -o r.html bad.log
expect_status 0
iconv -f UTF-8 -t UTF-8 r.html >/dev/null 2>&1 ||
    fail "the report is not valid UTF-8"
grep -q "/api/caf$(printf '\303\251')/$(printf '\357\277\275\357\277\275\357\277\275')" r.html ||
    fail "the path is not shown with U+FFFD in place of the bad bytes"
if grep -q "$(printf '\033')" r.html; then
	fail "an escape character reached the report"
fi
grep -q "$(printf '\357\277\275')\[[^ ]*red" r.html ||
    fail "the escape character is not shown as U+FFFD"
