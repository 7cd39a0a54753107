# index: every real log file indexes with its known number of entries (an
# entry is a first line and its continuation lines), and a second run adds
# nothing.
. "$TESTS/cli/lib.sh"
need_real

while read -r file entries; do
	run "$LOGTOOL" index --db real.db "$REAL/$file"
	expect_status 0
	run "$LOGTOOL" query --db real.db --source "$file" --count
	expect_out "^$entries\$"
done <<'LIST'
serilog-text-api-requests.txt 782
serilog-text-shop-errors.txt 250
serilog-text-abp-crlf.txt 13831
serilog-text-abp-bom.txt 2828
serilog-json-api-requests.json 1754
serilog-json-logserver.log 125
serilog-clef-fileupload.txt 15
serilog-clef-huge-event.clef 1
generic-hadoop-2k.log 2000
LIST

run "$LOGTOOL" query --db real.db --count
expect_out '^21586$'
run "$LOGTOOL" index --db real.db "$REAL"/*.txt "$REAL"/*.json \
    "$REAL"/*.log "$REAL"/*.clef
expect_err '0 records added, 9 sources already indexed'

# Six of the files repeat an event exactly (same millisecond, level,
# message and exception): 46 such groups, each kept as separate events
# so that the counts above match the files.
run "$LOGTOOL" sql --db real.db "SELECT count(*) FROM (SELECT ts, level,
    message, exception FROM events GROUP BY 1, 2, 3, 4
    HAVING count(*) > 1)"
expect_out '^46$'

# Request lines become rows of requests: 575 + 92 in the text files,
# 1674 + 11 in the JSON files, 1026 + 646 ASP.NET "Request finished".
run "$LOGTOOL" sql --db real.db 'SELECT count(*) FROM requests'
expect_out '^4024$'
run "$LOGTOOL" sql --db real.db "SELECT count(*) FROM requests r
    JOIN event_sources es ON es.event_id = r.event_id
    JOIN sources s ON s.content_id = es.content_id
    WHERE s.name LIKE '%shop-errors.txt' AND r.status = 500"
expect_out '^92$'

# The raw output has every byte of the file, record by record (in time
# order, which differs from the file's order in three places).
run "$LOGTOOL" query --db real.db --source serilog-text-abp-bom.txt \
    --format raw
[ "$(wc -c <out)" -eq "$(wc -c <"$REAL/serilog-text-abp-bom.txt")" ] ||
    fail "raw output has $(wc -c <out) bytes"
sort out >sorted.out
sort "$REAL/serilog-text-abp-bom.txt" >sorted.file
cmp -s sorted.out sorted.file || fail "raw output differs from the file"
exit 0
