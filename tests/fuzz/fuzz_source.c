/*
 * libFuzzer harness for the source reader: codec detection, gzip and
 * zstd decoding (truncated, multi-member, trailing bytes) and tar bundle
 * expansion. Not part of `make check`.
 *
 * Build and run (clang with libFuzzer, ASan and UBSan), from the top of
 * the tree:
 *
 *   tests/fuzz/build.sh /tmp/fuzz
 *   mkdir -p /tmp/fuzz/corpus-source
 *   /tmp/fuzz/fuzz_source -max_total_time=600 -max_len=262144 \
 *       -rss_limit_mb=4096 /tmp/fuzz/corpus-source tests/fuzz/seeds
 *
 * Each input is written to a file under $TMPDIR (or /tmp), expanded with
 * lt_source_foreach() and read to the end by the record parser, then
 * opened once more as a single source with lt_source_open_file().
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"
#include "source.h"

static char path[4096];

static ssize_t
source_read(void *ctx, void *buf, size_t cap)
{
	return lt_source_read(ctx, buf, cap);
}

static int
parse_all(struct lt_source *src, void *ctx)
{
	struct lt_parser *p = lt_parser_new(source_read, src);
	struct lt_record rec;

	(void)ctx;
	(void)lt_source_info(src);
	if (p == NULL)
		__builtin_trap();
	while (lt_parser_next(p, &rec) > 0)
		continue;
	lt_parser_free(p);
	return 0;
}

static void
write_input(const uint8_t *data, size_t len)
{
	int fd;

	if (path[0] == '\0') {
		const char *dir = getenv("TMPDIR");

		snprintf(path, sizeof(path), "%s/fuzz-source-%ld.log",
		    dir != NULL ? dir : "/tmp", (long)getpid());
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || (len > 0 && write(fd, data, len) != (ssize_t)len))
		__builtin_trap();
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct lt_source *src;
	char buf[4096];

	write_input(data, len);
	(void)lt_source_foreach(path, parse_all, NULL);
	if ((src = lt_source_open_file(path)) != NULL) {
		while (lt_source_read(src, buf, sizeof(buf)) > 0)
			continue;
		lt_source_close(src);
	}
	return 0;
}
