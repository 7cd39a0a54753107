# report writes one self-contained HTML file whose DOM, as rendered by
# headless Chromium, contains the flagged window's times and counts and the
# correlation id of a failed request.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 20 --incident 2025-12-01T14:05/20m/30 logs \
    >/dev/null || fail "aura-loggen failed"

run "$LOGTOOL" report -o report.html logs
expect_status 0
[ -s report.html ] || fail "no report written"
grep -q '^<!DOCTYPE html>' report.html || fail "not an HTML document"
grep -q '<svg xmlns=' report.html || fail "no inline chart"
! grep -qi '<script' report.html || fail "the report has a script"
! grep -Eqi '(src|href)="?(https?:)?//' report.html ||
    fail "the report loads a remote resource"

# The incident window (13:05Z) as analyze counts it.
"$LOGTOOL" analyze --format tsv logs >windows.tsv
incident=$(grep '^2025-12-01T13:05:00Z' windows.tsv)
[ -n "$incident" ] || fail "analyze has no 13:05 window"
requests=$(printf '%s\n' "$incident" | cut -f3)
errors=$(printf '%s\n' "$incident" | cut -f4)

cid=$(grep -o '<code class="cid">[^<]*' report.html | head -n 1 |
    sed 's/.*>//')
[ -n "$cid" ] || fail "no correlation id in the report"
grep -q "\\[$cid\\].*Request completed: .* - 5[0-9][0-9] in " \
    logs/aura-api-20251201.log ||
    fail "correlation id $cid is not that of a failed request"

command -v chromium >/dev/null 2>&1 ||
    skip "chromium not installed; the DOM check needs it"
profile=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$profile" \
    --dump-dom "file://$PWD/report.html" >dom.html 2>chromium.err
rm -rf "$profile"
grep -q '<h1>logtool report</h1>' dom.html ||
    fail "chromium rendered no report: $(tail -n 3 chromium.err)"
tr -d '\n' <dom.html | grep -q "<td>2025-12-01T13:05:00Z</td><td>2025-12-01T13:10:00Z</td><td class=\"n\">$requests</td><td class=\"n\">$errors</td>" ||
    fail "the DOM has no 13:05 window with $requests requests, $errors failed"
grep -q "$cid" dom.html || fail "the DOM lacks correlation id $cid"
grep -q 'id="total-requests">' dom.html || fail "no totals"
