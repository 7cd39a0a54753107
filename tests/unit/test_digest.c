/* Unit tests for the SHA-256 and XXH3 wrappers. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <xxhash.h>

#include "digest.h"
#include "error.h"

/* SHA-256 of "", "abc" and a million "a" (FIPS 180-2 examples; sha256sum
 * prints the same). */
#define SHA256_EMPTY \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA256_ABC \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA256_MILLION_A \
	"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

static void
sha256_of(const void *data, size_t len, char hex[LT_SHA256_HEX])
{
	struct lt_sha256 *h = lt_sha256_new();

	assert_non_null(h);
	lt_sha256_update(h, data, len);
	lt_sha256_final(h, hex);
}

static void
test_digest__sha256_vectors(void **state)
{
	char hex[LT_SHA256_HEX];

	(void)state;
	sha256_of("", 0, hex);
	assert_string_equal(hex, SHA256_EMPTY);
	sha256_of("abc", 3, hex);
	assert_string_equal(hex, SHA256_ABC);
}

static void
test_digest__sha256_incremental(void **state)
{
	struct lt_sha256 *h;
	char hex[LT_SHA256_HEX];
	char chunk[1000];

	(void)state;
	memset(chunk, 'a', sizeof(chunk));
	h = lt_sha256_new();
	assert_non_null(h);
	for (int i = 0; i < 1000; i++)
		lt_sha256_update(h, chunk, sizeof(chunk));
	lt_sha256_final(h, hex);
	assert_string_equal(hex, SHA256_MILLION_A);
}

static void
test_digest__sha256_file(void **state)
{
	char dir[] = "/tmp/lt-digest-XXXXXX";
	char path[sizeof(dir) + 16];
	char hex[LT_SHA256_HEX];
	char *data;
	int fd;

	(void)state;
	data = malloc(1000000);
	assert_non_null(data);
	memset(data, 'a', 1000000);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a.bin", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, 1000000), 1000000);
	close(fd);
	free(data);

	assert_int_equal(lt_sha256_file(path, hex), 0);
	assert_string_equal(hex, SHA256_MILLION_A);
	unlink(path);
	rmdir(dir);
}

static void
test_digest__sha256_file_missing(void **state)
{
	char hex[LT_SHA256_HEX];

	(void)state;
	assert_int_equal(lt_sha256_file("/nonexistent/lt-digest", hex), -1);
	assert_string_equal(lt_error(), "cannot open '/nonexistent/lt-digest': "
	    "No such file or directory");
}

static void
test_digest__sha256_file_directory(void **state)
{
	char hex[LT_SHA256_HEX];

	(void)state;
	assert_int_equal(lt_sha256_file("/", hex), -1);
	assert_string_equal(lt_error(), "cannot read '/': Is a directory");
}

static void
test_digest__hash64_xxh3(void **state)
{
	(void)state;
	/* XXH3_64bits of no bytes, as libxxhash 0.8.1 computes it. */
	assert_true(lt_hash64("", 0) == UINT64_C(0x2d06800538d394c2));
	assert_true(lt_hash64("abc", 3) == XXH3_64bits("abc", 3));
	assert_true(lt_hash64("abc", 3) == lt_hash64("abc", 3));
	assert_true(lt_hash64("abc", 3) != lt_hash64("abd", 3));
}

static void
test_digest__hash64_seeded(void **state)
{
	(void)state;
	assert_true(lt_hash64_seeded("abc", 3, 0) == lt_hash64("abc", 3));
	assert_true(lt_hash64_seeded("abc", 3, 1) != lt_hash64("abc", 3));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digest__sha256_vectors),
		cmocka_unit_test(test_digest__sha256_incremental),
		cmocka_unit_test(test_digest__sha256_file),
		cmocka_unit_test(test_digest__sha256_file_missing),
		cmocka_unit_test(test_digest__sha256_file_directory),
		cmocka_unit_test(test_digest__hash64_xxh3),
		cmocka_unit_test(test_digest__hash64_seeded),
	};

	return cmocka_run_group_tests_name("digest", tests, NULL, NULL);
}
