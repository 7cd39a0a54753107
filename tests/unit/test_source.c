/*
 * Unit tests for the input sources. Fixtures are written at run time into
 * a mkdtemp() folder with the gzip, zstd and tar commands.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "error.h"
#include "source.h"

#define MAX_SOURCES	16
#define LINES		20000	/* about 1 MB, more than the read buffers */

struct fixture {
	char		 dir[64];
	struct lt_buf	 content;	/* LINES generated log lines */
};

/* The sources one lt_source_foreach() call produced, in order. */
struct collected {
	int			 count;
	char			*names[MAX_SOURCES];
	char			*members[MAX_SOURCES];
	struct lt_source_info	 info[MAX_SOURCES];
	struct lt_buf		 data[MAX_SOURCES];
	int			 read_status[MAX_SOURCES];
};

/* The hook has no context argument, so the captured warnings are static. */
static struct lt_buf warnings = LT_BUF_INIT;

static void
capture_warning(const char *message)
{
	lt_buf_printf(&warnings, "%s\n", message);
}

/* Fixture helpers. */

/* Returns dir/name in one of four static buffers, so that up to four
 * results can be used in one call. */
static char *
fixture_path(const struct fixture *f, const char *name)
{
	static char paths[4][PATH_MAX];
	static int next;
	char *path = paths[next++ % 4];

	snprintf(path, PATH_MAX, "%s/%s", f->dir, name);
	return path;
}

static void
write_file(const struct fixture *f, const char *name, const void *data,
    size_t len)
{
	int fd = open(fixture_path(f, name), O_WRONLY | O_CREAT | O_TRUNC,
	    0644);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static void
write_content(const struct fixture *f, const char *name)
{
	write_file(f, name, f->content.data, f->content.len);
}

/* Runs a shell command inside the fixture folder. */
static void
run(const struct fixture *f, const char *fmt, ...)
{
	char cmd[4096];
	int len;
	va_list ap;

	len = snprintf(cmd, sizeof(cmd), "cd '%s' && ", f->dir);
	va_start(ap, fmt);
	vsnprintf(cmd + len, sizeof(cmd) - (size_t)len, fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("command failed: %s", cmd);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/lt-source-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	for (int i = 0; i < LINES; i++)
		lt_buf_printf(&f->content, "2025-12-03 14:05:%02d.%03d +00:00 "
		    "[INF] request %d finished in %d ms\n", i % 60, i % 1000,
		    i, (i * 7919) % 5000);
	lt_buf_reset(&warnings);
	lt_set_warn_hook(capture_warning);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	lt_buf_free(&f->content);
	lt_buf_free(&warnings);
	lt_set_warn_hook(NULL);
	free(f);
	return 0;
}

/* Collecting sources. */

/*
 * Reads a source to its end, alternating a small odd read size with one
 * larger than the source's buffers, so that both read paths and the
 * buffer boundaries are crossed.
 */
static ssize_t
read_all(struct lt_source *src, struct lt_buf *out)
{
	static char chunk[300000];
	size_t cap = 7000;
	ssize_t n;

	while ((n = lt_source_read(src, chunk, cap)) > 0) {
		if (lt_buf_append(out, chunk, (size_t)n) < 0)
			return -1;
		cap = cap == 7000 ? sizeof(chunk) : 7000;
	}
	return n;
}

static ssize_t
read_all_fd(int fd, struct lt_buf *out)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		if (lt_buf_append(out, chunk, (size_t)n) < 0)
			return -1;
	return n;
}

static int
collect_source(struct lt_source *src, void *ctx)
{
	struct collected *c = ctx;
	const struct lt_source_info *info = lt_source_info(src);
	int i = c->count++;

	if (i >= MAX_SOURCES)
		return -1;
	c->info[i] = *info;
	c->names[i] = strdup(info->name);
	c->members[i] = info->member != NULL ? strdup(info->member) : NULL;
	c->read_status[i] = (int)read_all(src, &c->data[i]);
	c->info[i].name = c->names[i];
	c->info[i].member = c->members[i];
	c->info[i].path = NULL;
	return 0;
}

static int
collect(const char *operand, struct collected *c)
{
	memset(c, 0, sizeof(*c));
	return lt_source_foreach(operand, collect_source, c);
}

static void
collected_free(struct collected *c)
{
	for (int i = 0; i < c->count && i < MAX_SOURCES; i++) {
		free(c->names[i]);
		free(c->members[i]);
		lt_buf_free(&c->data[i]);
	}
}

static void
assert_data_equal(const struct lt_buf *got, const void *want, size_t len)
{
	assert_int_equal(got->len, len);
	assert_memory_equal(got->data != NULL ? got->data : "", want, len);
}

/* Plain, gzip and zstd files. */

static void
test_source__plain_file(void **state)
{
	struct fixture *f = *state;
	struct collected c;
	struct stat st;

	write_content(f, "a.log");
	assert_int_equal(stat(fixture_path(f, "a.log"), &st), 0);
	assert_int_equal(collect(fixture_path(f, "a.log"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_string_equal(c.names[0], fixture_path(f, "a.log"));
	assert_null(c.members[0]);
	assert_int_equal(c.info[0].codec, LT_CODEC_PLAIN);
	assert_int_equal(c.info[0].size, st.st_size);
	assert_int_equal(c.info[0].mtime, st.st_mtime);
	assert_true(c.info[0].dev == st.st_dev);
	assert_true(c.info[0].ino == st.st_ino);
	assert_int_equal(c.read_status[0], 0);
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	collected_free(&c);
}

static void
test_source__gzip_single_member(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_content(f, "a.log");
	run(f, "gzip -k a.log");
	assert_int_equal(collect(fixture_path(f, "a.log.gz"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.info[0].codec, LT_CODEC_GZIP);
	assert_int_equal(c.read_status[0], 0);
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	assert_int_equal(warnings.len, 0);
	collected_free(&c);
}

static void
test_source__gzip_multi_member(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_file(f, "one.log", "first member\n", 13);
	write_content(f, "two.log");
	run(f, "gzip one.log two.log && cat one.log.gz two.log.gz one.log.gz "
	    "> multi.gz");
	assert_int_equal(collect(fixture_path(f, "multi.gz"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.read_status[0], 0);
	assert_int_equal(c.data[0].len, 13 + f->content.len + 13);
	assert_memory_equal(c.data[0].data, "first member\n", 13);
	assert_memory_equal(c.data[0].data + 13, f->content.data,
	    f->content.len);
	assert_memory_equal(c.data[0].data + 13 + f->content.len,
	    "first member\n", 13);
	assert_int_equal(warnings.len, 0);
	collected_free(&c);
}

/*
 * Checks that a truncated stream gave a non-empty prefix of the content
 * and one warning that names the file and the byte count.
 */
static void
assert_truncated(const struct fixture *f, const struct collected *c,
    const char *name, const char *codec)
{
	char expected[PATH_MAX + 128];

	assert_int_equal(c->count, 1);
	assert_int_equal(c->read_status[0], 0);
	assert_true(c->data[0].len > 0);
	assert_true(c->data[0].len < f->content.len);
	assert_memory_equal(c->data[0].data, f->content.data, c->data[0].len);
	snprintf(expected, sizeof(expected), "'%s': truncated %s stream; "
	    "read %zu bytes\n", fixture_path(f, name), codec, c->data[0].len);
	assert_string_equal(warnings.data, expected);
}

static void
test_source__gzip_truncated(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_content(f, "a.log");
	run(f, "gzip a.log && head -c $(($(wc -c < a.log.gz) / 2)) a.log.gz "
	    "> cut.gz");
	assert_int_equal(collect(fixture_path(f, "cut.gz"), &c), 0);
	assert_truncated(f, &c, "cut.gz", "gzip");
	collected_free(&c);
}

static void
test_source__gzip_trailing_bytes(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_file(f, "a.log", "abc\n", 4);
	run(f, "gzip a.log && printf 'junk' >> a.log.gz");
	assert_int_equal(collect(fixture_path(f, "a.log.gz"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_data_equal(&c.data[0], "abc\n", 4);
	assert_non_null(strstr(warnings.data, "trailing bytes after gzip "
	    "data ignored"));
	collected_free(&c);
}

static void
test_source__gzip_invalid_data(void **state)
{
	struct fixture *f = *state;
	struct collected c;
	char expected[PATH_MAX + 64];

	write_file(f, "bad.gz", "\x1f\x8b\x08\x00garbage garbage garbage", 25);
	assert_int_equal(collect(fixture_path(f, "bad.gz"), &c), -1);
	snprintf(expected, sizeof(expected), "invalid gzip data in '%s'",
	    fixture_path(f, "bad.gz"));
	assert_memory_equal(lt_error(), expected, strlen(expected));
	collected_free(&c);
}

static void
test_source__zstd_file(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_content(f, "a.log");
	run(f, "zstd -q a.log");
	assert_int_equal(collect(fixture_path(f, "a.log.zst"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.info[0].codec, LT_CODEC_ZSTD);
	assert_int_equal(c.read_status[0], 0);
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	assert_int_equal(warnings.len, 0);
	collected_free(&c);
}

static void
test_source__zstd_multi_frame(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_file(f, "one.log", "first frame\n", 12);
	write_content(f, "two.log");
	run(f, "zstd -q one.log two.log && cat one.log.zst two.log.zst "
	    "> multi.zst");
	assert_int_equal(collect(fixture_path(f, "multi.zst"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.data[0].len, 12 + f->content.len);
	assert_memory_equal(c.data[0].data, "first frame\n", 12);
	assert_memory_equal(c.data[0].data + 12, f->content.data,
	    f->content.len);
	collected_free(&c);
}

static void
test_source__zstd_truncated(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_content(f, "a.log");
	run(f, "zstd -q a.log && head -c $(($(wc -c < a.log.zst) / 2)) "
	    "a.log.zst > cut.zst");
	assert_int_equal(collect(fixture_path(f, "cut.zst"), &c), 0);
	assert_truncated(f, &c, "cut.zst", "zstd");
	collected_free(&c);
}

static void
test_source__empty_file(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_file(f, "empty.log", "", 0);
	assert_int_equal(collect(fixture_path(f, "empty.log"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.info[0].codec, LT_CODEC_PLAIN);
	assert_int_equal(c.info[0].size, 0);
	assert_int_equal(c.read_status[0], 0);
	assert_int_equal(c.data[0].len, 0);
	collected_free(&c);
}

static void
test_source__missing_file(void **state)
{
	struct fixture *f = *state;
	struct collected c;
	char expected[PATH_MAX + 64];

	assert_int_equal(collect(fixture_path(f, "missing.log"), &c), -1);
	assert_int_equal(c.count, 0);
	snprintf(expected, sizeof(expected), "cannot open '%s': No such file "
	    "or directory", fixture_path(f, "missing.log"));
	assert_string_equal(lt_error(), expected);
}

/* Detection by magic bytes, whatever the file name suggests. */

static void
test_source__gzip_named_log(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_content(f, "a.log");
	run(f, "gzip -c a.log > errors-20251203.log");
	assert_int_equal(collect(fixture_path(f, "errors-20251203.log"), &c),
	    0);
	assert_int_equal(c.info[0].codec, LT_CODEC_GZIP);
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	collected_free(&c);
}

static void
test_source__plain_named_gz(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_content(f, "plain.log.gz");
	assert_int_equal(collect(fixture_path(f, "plain.log.gz"), &c), 0);
	assert_int_equal(c.info[0].codec, LT_CODEC_PLAIN);
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	collected_free(&c);
}

static void
test_source__codec_detect(void **state)
{
	(void)state;
	assert_int_equal(lt_codec_detect((const unsigned char *)"\x1f\x8b", 2),
	    LT_CODEC_GZIP);
	assert_int_equal(lt_codec_detect((const unsigned char *)"\x1f", 1),
	    LT_CODEC_PLAIN);
	assert_int_equal(lt_codec_detect(
	    (const unsigned char *)"\x28\xb5\x2f\xfd", 4), LT_CODEC_ZSTD);
	assert_int_equal(lt_codec_detect(
	    (const unsigned char *)"\x28\xb5\x2f", 3), LT_CODEC_PLAIN);
	assert_int_equal(lt_codec_detect(
	    (const unsigned char *)"\x50\x2a\x4d\x18", 4), LT_CODEC_ZSTD);
	assert_int_equal(lt_codec_detect((const unsigned char *)"2025", 4),
	    LT_CODEC_PLAIN);
	assert_int_equal(lt_codec_detect((const unsigned char *)"", 0),
	    LT_CODEC_PLAIN);
}

/* Tar bundles. */

static void
make_bundle_members(const struct fixture *f)
{
	run(f, "mkdir -p members");
	write_content(f, "members/aura-api-20251203.log");
	write_file(f, "members/errors-20251203.log", "error line\n", 11);
	run(f, "cd members && sha256sum *.log > MANIFEST.sha256");
}

static void
check_bundle(const struct fixture *f, const char *bundle,
    enum lt_codec codec)
{
	struct collected c;
	char name[PATH_MAX + 64];

	assert_int_equal(collect(fixture_path(f, bundle), &c), 0);
	assert_int_equal(c.count, 2);
	snprintf(name, sizeof(name), "%s:aura-api-20251203.log",
	    fixture_path(f, bundle));
	assert_string_equal(c.names[0], name);
	assert_string_equal(c.members[0], "aura-api-20251203.log");
	assert_int_equal(c.info[0].codec, codec);
	assert_int_equal(c.read_status[0], 0);
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	snprintf(name, sizeof(name), "%s:errors-20251203.log",
	    fixture_path(f, bundle));
	assert_string_equal(c.names[1], name);
	assert_string_equal(c.members[1], "errors-20251203.log");
	assert_data_equal(&c.data[1], "error line\n", 11);
	collected_free(&c);
}

static void
test_source__tar_plain(void **state)
{
	struct fixture *f = *state;

	make_bundle_members(f);
	run(f, "tar -C members -cf b.tar MANIFEST.sha256 "
	    "aura-api-20251203.log errors-20251203.log");
	check_bundle(f, "b.tar", LT_CODEC_PLAIN);
}

static void
test_source__tar_gzip(void **state)
{
	struct fixture *f = *state;

	make_bundle_members(f);
	run(f, "tar -C members -czf b.tar.gz aura-api-20251203.log "
	    "MANIFEST.sha256 errors-20251203.log");
	check_bundle(f, "b.tar.gz", LT_CODEC_GZIP);
}

static void
test_source__tar_zstd(void **state)
{
	struct fixture *f = *state;

	make_bundle_members(f);
	run(f, "tar -C members -cf - aura-api-20251203.log "
	    "errors-20251203.log MANIFEST.sha256 | zstd -q > b.tar.zst");
	check_bundle(f, "b.tar.zst", LT_CODEC_ZSTD);
}

static void
test_source__tar_gzip_member(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_content(f, "aura-api-20251203.log");
	run(f, "gzip aura-api-20251203.log && "
	    "tar -cf b.tar aura-api-20251203.log.gz");
	assert_int_equal(collect(fixture_path(f, "b.tar"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_string_equal(c.members[0], "aura-api-20251203.log.gz");
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	collected_free(&c);
}

/*
 * A tar cut inside a member: the member yields every byte before the
 * cut (the 512-byte header comes first), with one warning naming it,
 * as a truncated compressed file does.
 */
static void
test_source__tar_damaged(void **state)
{
	struct fixture *f = *state;
	struct collected c;
	char expected[PATH_MAX + 128];

	make_bundle_members(f);
	assert_true(f->content.len > 100000);
	run(f, "tar -C members -cf b.tar aura-api-20251203.log && "
	    "head -c 100000 b.tar > cut.tar");
	assert_int_equal(collect(fixture_path(f, "cut.tar"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_data_equal(&c.data[0], f->content.data, 100000 - 512);
	snprintf(expected, sizeof(expected), "'%s:aura-api-20251203.log': "
	    "member cut short by the truncated bundle\n",
	    fixture_path(f, "cut.tar"));
	assert_string_equal(warnings.data, expected);
	collected_free(&c);
}

static void
test_source__open_file_keeps_tar(void **state)
{
	struct fixture *f = *state;
	struct lt_source *src;
	struct lt_buf data = LT_BUF_INIT;

	make_bundle_members(f);
	run(f, "tar -C members -czf b.tar.gz errors-20251203.log");
	src = lt_source_open_file(fixture_path(f, "b.tar.gz"));
	assert_non_null(src);
	assert_int_equal(lt_source_info(src)->codec, LT_CODEC_GZIP);
	assert_int_equal(read_all(src, &data), 0);
	assert_true(data.len >= 1024);
	assert_memory_equal(data.data, "errors-20251203.log", 19);
	assert_memory_equal(data.data + 257, "ustar", 5);
	lt_source_close(src);
	lt_buf_free(&data);
}

static void
test_source__open_file_directory(void **state)
{
	struct fixture *f = *state;
	char expected[PATH_MAX + 64];

	assert_null(lt_source_open_file(f->dir));
	snprintf(expected, sizeof(expected), "cannot read '%s': Is a "
	    "directory", f->dir);
	assert_string_equal(lt_error(), expected);
}

/* Directories. */

static void
test_source__directory_selection(void **state)
{
	struct fixture *f = *state;
	struct collected c;
	char expected[PATH_MAX + 64];

	run(f, "mkdir logs");
	make_bundle_members(f);
	run(f, "tar -C members -czf logs/aura-logs-2025-11.tar.gz "
	    "errors-20251203.log MANIFEST.sha256");
	write_file(f, "logs/aura-api-20251203.log", "api\n", 4);
	write_file(f, "logs/errors-20251203_001.log", "err\n", 4);
	write_file(f, "logs/warnings-20251204.log", "warn\n", 5);
	write_file(f, "logs/notes.log", "notes\n", 6);
	write_file(f, "logs/foo.txt", "foo\n", 4);
	write_file(f, "logs/errors-20251332.log", "bad date\n", 9);
	run(f, "gzip logs/warnings-20251204.log && "
	    "ln -s aura-api-20251203.log logs/audit-20251203.log && "
	    "mkdir logs/performance-20251203.log");

	assert_int_equal(collect(fixture_path(f, "logs"), &c), 0);
	assert_int_equal(c.count, 4);
	assert_string_equal(c.names[0], fixture_path(f,
	    "logs/aura-api-20251203.log"));
	assert_string_equal(c.names[1], fixture_path(f,
	    "logs/aura-logs-2025-11.tar.gz:errors-20251203.log"));
	assert_string_equal(c.names[2], fixture_path(f,
	    "logs/errors-20251203_001.log"));
	assert_string_equal(c.names[3], fixture_path(f,
	    "logs/warnings-20251204.log.gz"));
	assert_data_equal(&c.data[3], "warn\n", 5);
	snprintf(expected, sizeof(expected), "skipping symbolic link '%s'\n"
	    "skipping '%s': not a regular file\n",
	    fixture_path(f, "logs/audit-20251203.log"),
	    fixture_path(f, "logs/performance-20251203.log"));
	assert_string_equal(warnings.data, expected);
	collected_free(&c);
}

static void
test_source__directory_trailing_slash(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	run(f, "mkdir logs");
	write_file(f, "logs/aura-api-20251203.log", "api\n", 4);
	assert_int_equal(collect(fixture_path(f, "logs/"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_string_equal(c.names[0], fixture_path(f,
	    "logs/aura-api-20251203.log"));
	collected_free(&c);
}

static void
test_source__symlink_operand_followed(void **state)
{
	struct fixture *f = *state;
	struct collected c;

	write_content(f, "a.log");
	run(f, "ln -s a.log link.log");
	assert_int_equal(collect(fixture_path(f, "link.log"), &c), 0);
	assert_int_equal(c.count, 1);
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	assert_int_equal(warnings.len, 0);
	collected_free(&c);
}

/* Standard input and FIFOs. */

/* Starts a child that writes the file to a pipe; returns the read end. */
static int
pipe_from_file(const char *path, pid_t *child)
{
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	*child = fork();
	assert_true(*child >= 0);
	if (*child == 0) {
		close(fds[0]);
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(126);
		execlp("cat", "cat", path, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	return fds[0];
}

/* Collects "-" with fd as standard input, then restores standard input. */
static int
collect_stdin(int fd, struct collected *c)
{
	int saved = dup(STDIN_FILENO), rc;

	assert_true(saved >= 0);
	assert_true(dup2(fd, STDIN_FILENO) >= 0);
	close(fd);
	rc = collect("-", c);
	assert_true(dup2(saved, STDIN_FILENO) >= 0);
	close(saved);
	return rc;
}

static void
wait_child(pid_t child)
{
	int status;

	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_source__stdin_plain(void **state)
{
	struct fixture *f = *state;
	struct collected c;
	pid_t child;

	write_content(f, "a.log");
	assert_int_equal(collect_stdin(pipe_from_file(fixture_path(f,
	    "a.log"), &child), &c), 0);
	wait_child(child);
	assert_int_equal(c.count, 1);
	assert_string_equal(c.names[0], "-");
	assert_int_equal(c.info[0].size, -1);
	assert_true(c.info[0].ino == 0);
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	collected_free(&c);
}

static void
test_source__stdin_gzip(void **state)
{
	struct fixture *f = *state;
	struct collected c;
	pid_t child;

	write_content(f, "a.log");
	run(f, "gzip a.log");
	assert_int_equal(collect_stdin(pipe_from_file(fixture_path(f,
	    "a.log.gz"), &child), &c), 0);
	wait_child(child);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.info[0].codec, LT_CODEC_GZIP);
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	collected_free(&c);
}

static void
test_source__stdin_zstd_tar(void **state)
{
	struct fixture *f = *state;
	struct collected c;
	pid_t child;

	make_bundle_members(f);
	run(f, "tar -C members -cf - errors-20251203.log | zstd -q > b.tzst");
	assert_int_equal(collect_stdin(pipe_from_file(fixture_path(f,
	    "b.tzst"), &child), &c), 0);
	wait_child(child);
	assert_int_equal(c.count, 1);
	assert_string_equal(c.names[0], "-:errors-20251203.log");
	assert_data_equal(&c.data[0], "error line\n", 11);
	collected_free(&c);
}

/*
 * A short first line written to a pipe that stays open must be returned
 * without waiting for more input. The alarm ends a test that would hang.
 */
static void
test_source__stdin_short_line_streamed(void **state)
{
	struct lt_source *src;
	char buf[64];
	int fds[2], saved;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "a\n", 2), 2);
	saved = dup(STDIN_FILENO);
	assert_true(dup2(fds[0], STDIN_FILENO) >= 0);
	close(fds[0]);
	alarm(20);
	src = lt_source_open_file("-");
	assert_non_null(src);
	assert_int_equal(lt_source_read(src, buf, sizeof(buf)), 2);
	alarm(0);
	close(fds[1]);
	assert_int_equal(lt_source_read(src, buf, sizeof(buf)), 0);
	lt_source_close(src);
	assert_true(dup2(saved, STDIN_FILENO) >= 0);
	close(saved);
}

static void
test_source__fifo_streamed(void **state)
{
	struct fixture *f = *state;
	struct collected c;
	pid_t child;

	write_content(f, "a.log");
	run(f, "gzip -k a.log && mkfifo fifo");
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		execlp("sh", "sh", "-c", "cat \"$1\" > \"$2\"", "sh",
		    fixture_path(f, "a.log.gz"), fixture_path(f, "fifo"),
		    (char *)NULL);
		_exit(127);
	}
	assert_int_equal(collect(fixture_path(f, "fifo"), &c), 0);
	wait_child(child);
	assert_int_equal(c.count, 1);
	assert_int_equal(c.info[0].codec, LT_CODEC_GZIP);
	assert_int_equal(c.info[0].size, -1);
	assert_data_equal(&c.data[0], f->content.data, f->content.len);
	collected_free(&c);
}

/* Real logs, read in place: the bytes come back unchanged, and so do
 * they after a gzip round trip into the fixture folder. */
static void
test_source__real_files_unchanged(void **state)
{
	static const char *const names[] = {
		"serilog-text-abp-crlf.txt",
		"serilog-text-abp-bom.txt",
		"serilog-clef-huge-event.clef",
	};
	struct fixture *f = *state;
	const char *dir = getenv("LOGTOOL_REAL_DIR");
	char path[PATH_MAX];
	struct collected c;
	struct lt_buf want = LT_BUF_INIT;
	int fd;

	if (dir == NULL || access(dir, R_OK) != 0)
		skip();
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		fd = open(path, O_RDONLY);
		assert_true(fd >= 0);
		lt_buf_reset(&want);
		assert_int_equal(read_all_fd(fd, &want), 0);
		close(fd);

		assert_int_equal(collect(path, &c), 0);
		assert_int_equal(c.count, 1);
		assert_data_equal(&c.data[0], want.data, want.len);
		collected_free(&c);

		run(f, "gzip -c '%s' > real.gz", path);
		assert_int_equal(collect(fixture_path(f, "real.gz"), &c), 0);
		assert_int_equal(c.count, 1);
		assert_data_equal(&c.data[0], want.data, want.len);
		collected_free(&c);
	}
	lt_buf_free(&want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_source__plain_file),
		T(test_source__gzip_single_member),
		T(test_source__gzip_multi_member),
		T(test_source__gzip_truncated),
		T(test_source__gzip_trailing_bytes),
		T(test_source__gzip_invalid_data),
		T(test_source__zstd_file),
		T(test_source__zstd_multi_frame),
		T(test_source__zstd_truncated),
		T(test_source__empty_file),
		T(test_source__missing_file),
		T(test_source__gzip_named_log),
		T(test_source__plain_named_gz),
		T(test_source__codec_detect),
		T(test_source__tar_plain),
		T(test_source__tar_gzip),
		T(test_source__tar_zstd),
		T(test_source__tar_gzip_member),
		T(test_source__tar_damaged),
		T(test_source__open_file_keeps_tar),
		T(test_source__open_file_directory),
		T(test_source__directory_selection),
		T(test_source__directory_trailing_slash),
		T(test_source__symlink_operand_followed),
		T(test_source__stdin_plain),
		T(test_source__stdin_gzip),
		T(test_source__stdin_zstd_tar),
		T(test_source__stdin_short_line_streamed),
		T(test_source__fifo_streamed),
		T(test_source__real_files_unchanged),
#undef T
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
