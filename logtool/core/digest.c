#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <xxhash.h>

#include "digest.h"
#include "error.h"

#define FILE_BUFSIZE	(256 * 1024)

struct lt_sha256 {
	EVP_MD_CTX	*ctx;
	bool		 failed;	/* a libcrypto call failed */
};

static int
crypto_error(const char *what)
{
	char text[256];

	ERR_error_string_n(ERR_get_error(), text, sizeof(text));
	return lt_error_set("%s failed: %s", what, text);
}

struct lt_sha256 *
lt_sha256_new(void)
{
	struct lt_sha256 *h;

	if ((h = calloc(1, sizeof(*h))) == NULL) {
		lt_error_errno("cannot allocate a SHA-256 context");
		return NULL;
	}
	if ((h->ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
		crypto_error("SHA-256 initialisation");
		EVP_MD_CTX_free(h->ctx);
		free(h);
		return NULL;
	}
	return h;
}

void
lt_sha256_update(struct lt_sha256 *h, const void *data, size_t len)
{
	if (!h->failed && EVP_DigestUpdate(h->ctx, data, len) != 1) {
		crypto_error("SHA-256 update");
		h->failed = true;
	}
}

void
lt_sha256_final(struct lt_sha256 *h, char hex[LT_SHA256_HEX])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	hex[0] = '\0';
	if (!h->failed && EVP_DigestFinal_ex(h->ctx, md, &len) != 1) {
		crypto_error("SHA-256 finalisation");
		h->failed = true;
	}
	if (!h->failed && len * 2 + 1 == LT_SHA256_HEX) {
		for (unsigned int i = 0; i < len; i++) {
			hex[2 * i] = digits[md[i] >> 4];
			hex[2 * i + 1] = digits[md[i] & 0x0f];
		}
		hex[2 * len] = '\0';
	}
	EVP_MD_CTX_free(h->ctx);
	free(h);
}

static int
hash_fd(int fd, const char *path, struct lt_sha256 *h)
{
	unsigned char *buf;
	ssize_t n;

	if ((buf = malloc(FILE_BUFSIZE)) == NULL)
		return lt_error_errno("cannot allocate a read buffer");
	for (;;) {
		n = read(fd, buf, FILE_BUFSIZE);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		lt_sha256_update(h, buf, (size_t)n);
	}
	free(buf);
	if (n < 0)
		return lt_error_errno("cannot read '%s'", path);
	return h->failed ? -1 : 0;
}

int
lt_sha256_file(const char *path, char hex[LT_SHA256_HEX])
{
	struct lt_sha256 *h;
	int fd, rc;

	hex[0] = '\0';
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return lt_error_errno("cannot open '%s'", path);
	if ((h = lt_sha256_new()) == NULL) {
		close(fd);
		return -1;
	}
	rc = hash_fd(fd, path, h);
	close(fd);
	if (rc < 0) {
		lt_sha256_final(h, hex);
		hex[0] = '\0';
		return -1;
	}
	lt_sha256_final(h, hex);
	return hex[0] == '\0' ? -1 : 0;
}

uint64_t
lt_hash64(const void *data, size_t len)
{
	return XXH3_64bits(data, len);
}

uint64_t
lt_hash64_seeded(const void *data, size_t len, uint64_t seed)
{
	return XXH3_64bits_withSeed(data, len, seed);
}
