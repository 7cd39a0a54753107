/*
 * Error signatures: a log message with its variable parts replaced by
 * placeholders, so that "Job 4711 failed for 'a.mp4'" and "Job 12 failed
 * for 'b.mp4'" share the signature "Job <n> failed for '<v>'". The
 * grammar is written above lt_signature() in signature.c.
 */
#ifndef LT_SIGNATURE_H
#define LT_SIGNATURE_H

#include <stddef.h>

#include "buf.h"

/* Maximum signature length in bytes. A longer result is cut there. */
#define LT_SIGNATURE_MAX 240

/*
 * Replaces out's contents with the signature of the len bytes at msg.
 * Returns 0, or -1 with lt_error() set when memory runs out.
 */
int	lt_signature(const char *msg, size_t len, struct lt_buf *out);

#endif
