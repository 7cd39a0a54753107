# logtool cat: raw reproduces the input, tsv and json carry the fields.
. "$TESTS/cli/lib.sh"

printf '%s\n' \
    '[2025-12-03 14:05:00.123 +01:00] [ERR] [c0ffee00-1111-2222-3333-444455556666] [0af7651916cd43dd8448eb211c80319c] [b7ad6b7169203331] Request failed: POST /api/render after 2318ms {"SourceContext":"Aura.Api"}' \
    'System.TimeoutException: The render queue did not answer' \
    '   at Aura.Api.Render.Queue.Submit()' \
    '[2025-12-03 14:05:01.000 +01:00] [INF] [] [0af7651916cd43dd8448eb211c80319d] [b7ad6b7169203332] Request completed: GET /api/projects - 200 in 41.2ms {}' \
    >aura-api-20251203.log

run "$LOGTOOL" cat aura-api-20251203.log
expect_status 0
cmp -s out aura-api-20251203.log || fail "raw output differs from the input"

run "$LOGTOOL" cat --format tsv aura-api-20251203.log
expect_status 0
expect_out_lines 3
expect_out '^ts	level	correlation_id	source	line	message	exception$'
expect_out '^2025-12-03T13:05:00.123Z	ERR	c0ffee00-1111-2222-3333-444455556666	aura-api-20251203.log	1	Request failed: POST /api/render after 2318ms	System.TimeoutException: The render queue did not answer\\n   at Aura.Api.Render.Queue.Submit\(\)$'
expect_out '^2025-12-03T13:05:01.000Z	INF		aura-api-20251203.log	4	Request completed'

run "$LOGTOOL" cat -f json aura-api-20251203.log
expect_status 0
expect_out_lines 2
expect_out '"ts":"2025-12-03T13:05:00.123Z","level":"ERR","correlation_id":"c0ffee00-1111-2222-3333-444455556666","trace_id":"0af7651916cd43dd8448eb211c80319c","span_id":"b7ad6b7169203331","message":"Request failed: POST /api/render after 2318ms"'
expect_out '"exception":"System.TimeoutException: The render queue did not answer\\n   at Aura.Api.Render.Queue.Submit\(\)"'
expect_out '"correlation_id":null'
# A NUL byte in a field is written as \0 in tsv, so that every line
# stays text; sql's tsv does the same.
printf '2025-12-01 10:00:00.000 +00:00 [INF] a\000b\n' >nul.log
run "$LOGTOOL" cat --format tsv nul.log
expect_out '	a\\0b	$'
"$LOGTOOL" index -q --db nul.db nul.log || fail "index nul.log"
run "$LOGTOOL" sql --db nul.db 'SELECT CAST(raw AS TEXT) FROM events'
expect_out '^2025-12-01 10:00:00.000 \+00:00 \[INF\] a\\0b\\n$'
exit 0
