/*
 * A growable byte buffer. The data is always followed by a NUL byte that
 * is not counted in len, so it can be passed where a C string is needed
 * when it contains no NUL of its own.
 */
#ifndef LT_BUF_H
#define LT_BUF_H

#include <stddef.h>

struct lt_buf {
	char	*data;		/* NULL until the first append */
	size_t	 len;		/* bytes in use, not counting the NUL */
	size_t	 cap;		/* bytes allocated */
};

#define LT_BUF_INIT { NULL, 0, 0 }

/* Each returns 0, or -1 with lt_error() set when memory runs out. */
int	lt_buf_reserve(struct lt_buf *b, size_t extra);
int	lt_buf_append(struct lt_buf *b, const void *data, size_t len);
int	lt_buf_putc(struct lt_buf *b, int c);
int	lt_buf_printf(struct lt_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Empties the buffer but keeps its memory for reuse. */
void	lt_buf_reset(struct lt_buf *b);
void	lt_buf_free(struct lt_buf *b);

#endif
