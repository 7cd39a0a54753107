# The default run stays small and --size stops at the requested size.
. "$TESTS/cli/lib.sh"

run "$LOGGEN" -v logs
expect_status 0
expect_err '^aura-loggen: wrote 6 files, [0-9]+ bytes, [0-9]+ events, '
expect_err ', [0-9]+ requests, [0-9]+ failed$'
total=$(cat logs/*.log | wc -c)
[ "$total" -lt 125829120 ] || fail "default run wrote $total bytes"

run "$LOGGEN" --size 3M --stdout
expect_status 0
n=$(wc -c <out)
[ "$n" -ge 3145728 ] || fail "--size 3M wrote only $n bytes"
[ "$n" -lt 3211264 ] || fail "--size 3M wrote $n bytes"

run "$LOGGEN" --size 2M sized
expect_status 0
n=$(cat sized/*.log | wc -c)
[ "$n" -ge 2097152 ] && [ "$n" -lt 2162688 ] ||
    fail "--size 2M wrote $n bytes into files"
