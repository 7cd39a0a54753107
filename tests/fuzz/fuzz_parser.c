/*
 * libFuzzer harness for the record parser, the request classifier and
 * the time parser. Not part of `make check`.
 *
 * Build and run (clang with libFuzzer, ASan and UBSan), from the top of
 * the tree:
 *
 *   tests/fuzz/build.sh /tmp/fuzz
 *   mkdir -p /tmp/fuzz/corpus-parser
 *   /tmp/fuzz/fuzz_parser -max_total_time=600 -max_len=65536 \
 *       -rss_limit_mb=4096 /tmp/fuzz/corpus-parser tests/fuzz/seeds
 *
 * The first input byte picks the size of each read, so that records are
 * split across reads at every position; the rest is the log text. Each
 * record is parsed again from its raw text, and its message goes through
 * the request classifier.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "record.h"
#include "request.h"
#include "timeutil.h"

struct feed {
	const uint8_t	*data;
	size_t		 len;
	size_t		 pos;
	size_t		 chunk;
};

static ssize_t
feed_read(void *ctx, void *buf, size_t cap)
{
	struct feed *f = ctx;
	size_t n = f->len - f->pos;

	if (n > f->chunk)
		n = f->chunk;
	if (n > cap)
		n = cap;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return (ssize_t)n;
}

static void
check_record(const struct lt_record *rec, struct lt_parser *scratch)
{
	struct lt_record again;
	struct lt_request req;

	(void)lt_record_event_key(rec);
	(void)lt_request_parse(rec->message, &req);
	if (lt_record_parse_text(rec->raw.ptr, rec->raw.len, &again,
	    scratch) == 0) {
		(void)lt_record_event_key(&again);
		(void)lt_request_parse(again.message, &req);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct feed f = { data, len, 0, 0 };
	struct lt_parser *p, *scratch;
	struct lt_record rec;
	int64_t ms;
	bool has_offset;
	uint64_t total = 0;

	if (len == 0)
		return 0;
	f.chunk = (size_t)data[0] * 37 + 1;
	f.data = data + 1;
	f.len = len - 1;
	(void)lt_time_parse_iso((const char *)f.data, f.len, &ms, &has_offset);
	p = lt_parser_new(feed_read, &f);
	scratch = lt_parser_new(NULL, NULL);
	if (p == NULL || scratch == NULL)
		__builtin_trap();
	while (lt_parser_next(p, &rec) > 0) {
		if (rec.offset != total || rec.raw.len == 0)
			__builtin_trap();
		total += rec.raw.len;
		check_record(&rec, scratch);
	}
	if (total != f.len || lt_parser_offset(p) != total)
		__builtin_trap();
	lt_parser_free(p);
	lt_parser_free(scratch);
	return 0;
}
