# index: a write that fails (here: past the file size limit) names the
# database and the next step, and the summary counts only the records
# that were committed.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --seed 4 --size 3M --incident none logs >/dev/null ||
    fail "loggen"
log=$(ls logs/* | head -n 1)
touch -d '2025-12-01 12:00' "$log"
LOGTOOL_INDEX_CHUNK=500
export LOGTOOL_INDEX_CHUNK
# 2000 blocks of 512 bytes: the schema and a few chunks fit, not all.
status=0
(trap '' XFSZ; ulimit -f 2000; exec "$LOGTOOL" index --db i.db "$log") \
    >out 2>err || status=$?
expect_status 1
expect_err "cannot write the index '.*/i\.db': .*run 'logtool index' again"
expect_err '1 source failed'
stored=$(sqlite3 i.db 'SELECT count(*) FROM events')
[ "$stored" -gt 0 ] || skip "nothing was committed before the limit"
expect_err "indexed 1 source: $stored records added"

# Without the limit the next run goes on and adds the rest.
run "$LOGTOOL" index -q --db i.db "$log"
expect_status 0
exit 0
