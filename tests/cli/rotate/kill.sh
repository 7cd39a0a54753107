# Runs killed with SIGKILL at any point lose and duplicate no line: after
# a rerun, every original line is in exactly one remaining file or bundle.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/rotate/make-logs.inc"
export LOGTOOL_NOW=2025-12-20T12:00

if [ "$LONG" = 1 ]; then
	trials=300 maxdelay=0.8
else
	trials=20 maxdelay=0.3
fi

# The template: Aura's files from the sample generator (a week of four
# families, rolled at 300 KiB, the last day being today), or in the short
# run 7 days of two families. The first day's base aura-api file is
# archived beforehand, so that the day's other files are late files for
# an existing bundle.
mkdir template
if [ "$LONG" = 1 ] && "$LOGGEN" --help >/dev/null 2>&1; then
	"$LOGGEN" --start 2025-12-14 --days 7 --rate 1 --roll-size 300k \
	    --families aura-api,errors,warnings,audit template ||
	    fail "aura-loggen failed"
	families="--family warnings --family audit"
	first=aura-api-20251214.log
else
	days=$(seq 1 7 | awk '{ printf "202512%02d ", $1 }')
	make_days template 1000 $days
	make_log template aura-api-20251201_001.log 1000
	make_log template aura-api-20251220.log 100
	families=
	first=aura-api-20251201.log
fi
mkdir seed
mv "template/$first" seed/
"$LOGTOOL" rotate --archive-dir template/archive seed >/dev/null ||
    fail "cannot make the seed bundle"
all_lines template >before
mkdir ref
tar -xzf template/archive/aura-logs-*.tar.gz -C ref
cat ref/*.log >>before
sort -o before before

check_bundles() {
	for b in "$1"/archive/aura-*; do
		[ -e "$b" ] || continue
		mkdir -p chk && rm -rf chk/*
		tar -xf "$b" -C chk 2>/dev/null ||
		    fail "trial $2: '$b' is not a complete tar"
		(cd chk && sha256sum -c --quiet MANIFEST.sha256 >/dev/null) ||
		    fail "trial $2: '$b' does not match its manifest"
	done
}

steps="temp-created members-written synced verified renamed removed"
i=0
while [ $i -lt "$trials" ]; do
	i=$((i + 1))
	rm -rf logs x chk
	cp -a template logs
	n=$(echo $steps | wc -w)
	k=$((i % (n + 1)))
	if [ $k -lt "$n" ]; then
		step=$(echo $steps | cut -d' ' -f$((k + 1)))
		LOGTOOL_TEST_KILL_AT=$step "$LOGTOOL" rotate $families logs \
		    >/dev/null 2>&1
	else
		delay=$(awk -v s="$i" -v m="$maxdelay" 'BEGIN { srand(s); printf "%.3f", rand() * m }')
		timeout -s KILL "$delay" "$LOGTOOL" rotate $families logs \
		    >/dev/null 2>&1
	fi
	check_bundles logs "$i (first run)"
	run "$LOGTOOL" rotate $families logs
	[ "$status" -eq 0 ] || fail "trial $i: rerun exited $status"
	ls -a logs/archive | grep -q '\.tmp\.' &&
	    fail "trial $i: temporary file left after the rerun"
	# extract_all also fails on a bundle that tar cannot read or that
	# does not match its manifest.
	extract_all logs/archive x
	all_lines logs x | sort >after
	cmp -s before after || {
		diff before after | head -5
		fail "trial $i: lines lost or duplicated"
	}
done
exit 0
