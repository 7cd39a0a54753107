# A truncated bundle is read like a truncated .gz file, in cat, index and
# analyze alike: every member before the cut, the member the cut falls
# in up to the cut, and warnings. The cut may be in the compressed stream
# or in the tar data.
. "$TESTS/cli/lib.sh"

"$LOGGEN" --days 1 --rate 5 --families aura-api,errors logs ||
    fail "loggen"
log=$(cd logs && ls aura-api-*.log)
err=$(cd logs && ls errors-*.log)
tar -C logs -cf b.tar "$log" "$err"
gzip -c b.tar >b.tar.gz
head -c 200000 b.tar.gz >cut.tar.gz
head -c 1000000 b.tar >cut.tar

# The records of a bundle as cat reads it, in TSV without the header.
records() {
	"$LOGTOOL" cat --format tsv "$1" 2>/dev/null | tail -n +2 | wc -l
}

for cut in cut.tar.gz cut.tar; do
	# cat prints what could be read and exits 1 for the damaged input.
	run "$LOGTOOL" cat "$cut"
	expect_status 1
	expect_err "^logtool: warning: '$cut:$log': member cut short by the truncated bundle$"
	expect_no_err 'cannot read'
	case $cut in
	*.gz)
		expect_err "^logtool: warning: '$cut': truncated gzip stream; read [0-9]+ bytes$"
		;;
	esac
	# Every byte before the cut: all lines but the last, cut one.
	n=$(($(wc -l <out) - 1))
	[ "$n" -gt 1000 ] || fail "$cut: cat printed $n whole lines"
	head -n "$n" out >got.txt
	head -n "$n" "logs/$log" | cmp -s - got.txt ||
	    fail "$cut: cat output is not the start of the log"

	# index keeps the same records, as it does for a truncated .gz.
	rm -f t.db*
	run "$LOGTOOL" index --db t.db "$cut"
	expect_status 0
	expect_err 'member cut short by the truncated bundle'
	run "$LOGTOOL" query --db t.db --count
	expect_out "^$(records "$cut")\$"

	# analyze counts them and exits 0 (no SEV-2 in the first hours).
	run "$LOGTOOL" analyze --format tsv "$cut"
	expect_status 0
	expect_out '^start	end	requests'
	expect_err 'member cut short by the truncated bundle'
done

# A cut inside the second member keeps the whole first one.
size=$(wc -c <"logs/$log")
first=$((512 + (size + 511) / 512 * 512))
head -c $((first + 512 + 5000)) b.tar >cut2.tar
run "$LOGTOOL" cat cut2.tar
expect_status 1
expect_err "^logtool: warning: 'cut2.tar:$err': member cut short by the truncated bundle$"
head -n "$(wc -l <"logs/$log")" out | cmp -s - "logs/$log" ||
    fail "cut2.tar: the first member is not whole"

# A cut just before the second member's header reads to libarchive as a
# whole tar without its two zero blocks; it warns too.
head -c "$first" b.tar >cut4.tar
run "$LOGTOOL" cat cut4.tar
expect_status 1
expect_err "^logtool: warning: 'cut4.tar': tar data cut short after a member$"
cmp -s out "logs/$log" || fail "cut4.tar: the first member is not whole"
run "$LOGTOOL" cat b.tar
expect_status 0
expect_err_empty

# A sparse member reads as tar -xO gives it, holes at its end included.
printf '2025-12-01 10:00:00.000 +00:00 [INF] before the hole\n' >sparse.log
truncate -s 300000 sparse.log
tar -S -cf sparse.tar sparse.log
run "$LOGTOOL" cat --format raw sparse.tar
[ "$(wc -c <out)" -eq 300001 ] || fail "sparse.tar: $(wc -c <out) bytes"
head -c 300000 out | cmp -s - sparse.log || fail "sparse.tar: other bytes"

# A cut between two members warns once for the bundle.
head -c $((first + 100)) b.tar >cut3.tar
run "$LOGTOOL" index --db t3.db cut3.tar
expect_status 0
expect_err "^logtool: warning: 'cut3.tar': tar data cut short$"
run "$LOGTOOL" query --db t3.db --count
expect_out "^$(records "logs/$log")\$"
exit 0
