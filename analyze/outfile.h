/* Output files that replace an earlier file only once complete. */
#ifndef AN_OUTFILE_H
#define AN_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

struct an_outfile {
	FILE		*f;		/* write here */
	const char	*path;		/* the name the file gets */
	char		 tmp[4096];	/* its temporary name, or "" */
};

/* Opens path for writing. Returns 0, or -1 after printing the error. */
int	an_outfile_open(struct an_outfile *o, const char *path);

/* Closes o. When ok is true, the file takes its name; otherwise, or when
 * the last writes fail, it is removed. Returns 0, or -1 after printing
 * the error of a failed write (nothing when ok is false). */
int	an_outfile_close(struct an_outfile *o, bool ok);

#endif
