#!/bin/sh
# Builds the libFuzzer harnesses of this folder with clang, ASan and
# UBSan: tests/fuzz/build.sh [OUTDIR] (default /tmp/logtool-fuzz). Run
# from the top of the tree; the harness files say how to run them.
# seeds/ holds small starting inputs: aura-loggen output in each
# template, hand-written lines, and gzip, zstd and tar files made from
# them (multi-member, trailing bytes, links and a ../ member name).
set -eu
out=${1:-/tmp/logtool-fuzz}
mkdir -p "$out"
pkgs="zlib libarchive jansson libzstd libxxhash libcrypto libpcre2-8"
cflags="-g -O1 -std=c11 -D_GNU_SOURCE -Ilogtool/core \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lm"
core="logtool/core/*.c"
for h in parser source; do
	# shellcheck disable=SC2086
	clang $cflags -o "$out/fuzz_$h" "tests/fuzz/fuzz_$h.c" $core $libs
done
echo "built $out/fuzz_parser and $out/fuzz_source"
