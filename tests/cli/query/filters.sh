# query: each filter alone and combined, on a small fixture.
. "$TESTS/cli/lib.sh"
. "$TESTS/cli/query/fixture.inc"

count() {
	run "$LOGTOOL" query --count "$@"
	[ "$(cat out)" = "$want" ] ||
	    fail "query $* --count printed '$(cat out)', expected $want"
	[ "$want" -eq 0 ] || expect_err_empty
}

want=7 count
want=2 count --level ERR
want=3 count --level ERR+
want=3 count --level error+
want=1 count --level FTL
want=6 count --since 2025-12-03T10:00
want=4 count --until 2025-12-03T10:30
want=3 count --since 2025-12-03T10:00Z --until 2025-12-03T10:00:30Z
want=1 count --since '2025-12-03 12:00+01:00' --until 2025-12-03T11:30Z
want=3 count --correlation corr-a1
want=1 count --correlation corr-a1 --level ERR
want=4 count --family app
want=3 count --family jobs
want=3 count --source jobs-20251203.log
want=3 count --source "$PWD/jobs-20251203.log"
want=0 count --source nosuch.log
expect_err "^logtool: warning: no source 'nosuch.log' in the index$"
want=0 count --family bogus
expect_err "^logtool: warning: no family 'bogus' in the index$"
want=0 count --family app --source jobs-20251203.log
expect_err_empty
want=2 count --match render
want=2 count --match 'failed render'
want=1 count --match node-7.example.com
want=1 count --match 'disk full'
want=1 count --match IOException
want=1 count --match /srv/media/a.mp4
# --match also finds a whole correlation id or trace id, in any case.
want=3 count --match corr-a1
want=3 count --match CORR-A1
want=2 count --match 6BF92F3577B34DA6A3CE929D0E0E4738
want=1 count --match 'corr-b2 terminated'
want=1 count --match 'corr-b2 b.mov'
want=0 count --match corr-a
want=2 count --fts 'render NOT host'
want=1 count --fts 'render NOT b'
want=4 count --grep '^\[2025-12-03 1[01]:00:0'
want=1 count --grep 'at Aura\.Render\(\)$'
want=1 count --grep 'Render' --level ERR --correlation corr-b2
want=1 count --trace 7bf92f3577b34da6a3ce929d0e0e4739
want=1 count --trace 7BF92F3577B34DA6A3CE929D0E0E4739
want=3 count --trace CORR-A1
want=2 count --trace corr-b2 --since 2025-12-03T11:00

# Relative times count back from LOGTOOL_NOW.
LOGTOOL_NOW=2025-12-03T12:30Z want=3 count --since -2h
LOGTOOL_NOW=2025-12-03T12:30Z want=4 count --until -2h

run "$LOGTOOL" query --count --level INF --match nothing-like-this
expect_status 1
expect_out '^0$'
exit 0
