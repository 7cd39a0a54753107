# index: a zstd log indexed twice gives no false "truncated zstd stream"
# warning when a read ends exactly at the end of the decompressed data.
. "$TESTS/cli/lib.sh"
command -v zstd >/dev/null || skip "zstd not installed"

# Logs whose sizes are powers of two, which reads of any power-of-two
# size end on exactly.
for kib in 4 64 256 1024; do
	"$LOGGEN" --seed 9 --stdout --size 4M --incident none |
	    head -c $((kib * 1024)) >aura-api-$kib.log
	zstd -q aura-api-$kib.log || fail "zstd"
	for n in 1 2; do
		run "$LOGTOOL" index -q --db z.db aura-api-$kib.log.zst
		expect_status 0
		expect_err_empty
	done
done

need_real
zstd -q -c "$REAL/serilog-text-api-requests.txt" \
    >serilog-text-api-requests.txt.zst || fail "zstd of the real log"
for n in 1 2; do
	run "$LOGTOOL" index -q --db real.db serilog-text-api-requests.txt.zst
	expect_status 0
	expect_err_empty
done
exit 0
