/*
 * Digests: SHA-256 (OpenSSL's libcrypto) for manifests and content
 * identity, and a 64-bit XXH3 hash (libxxhash) for in-memory keys.
 */
#ifndef LT_DIGEST_H
#define LT_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define LT_SHA256_HEX 65	/* 64 hex digits and a NUL */

struct lt_sha256;

/* Returns NULL with lt_error() set when libcrypto fails. */
struct lt_sha256 *lt_sha256_new(void);
void	lt_sha256_update(struct lt_sha256 *h, const void *data, size_t len);
/* Writes the lowercase hex digest and frees h. The digest is "" (with
 * lt_error() set) when a libcrypto call failed on h. */
void	lt_sha256_final(struct lt_sha256 *h, char hex[LT_SHA256_HEX]);

/* SHA-256 of a whole file's bytes as stored (not decompressed). */
int	lt_sha256_file(const char *path, char hex[LT_SHA256_HEX]);

uint64_t lt_hash64(const void *data, size_t len);
uint64_t lt_hash64_seeded(const void *data, size_t len, uint64_t seed);

#endif
