/*
 * Internal interface of live-file rotation (live.c, livecopy.c).
 */
#ifndef LT_ROTATE_LIVE_H
#define LT_ROTATE_LIVE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "rotate.h"

#define PATH_NAME_MAX	4096

struct live_options {
	char		**files;
	size_t		 nfiles;
	bool		 copytruncate;	/* false: rename */
	int		 create_mode;	/* -1: the old file's mode */
	long		 create_uid;	/* -1: the old file's owner */
	long		 create_gid;
	int		 signal;	/* 0: none */
	const char	*pidfile;
	const char	*notify;
	long long	 open_timeout_s;
	long long	 min_size;	/* -1: any size */
	int64_t		 min_age_ms;	/* -1: any age */
	enum rot_codec	 codec;
	int		 level;
	bool		 dry_run;
	bool		 syslog;
};

/* One FILE operand and what happened to it. */
struct live_file {
	const char	*path;		/* as given */
	char		 dir[PATH_NAME_MAX];
	char		 base[PATH_NAME_MAX];
	int		 dirfd;
	struct stat	 st;		/* lstat() before rotation */
	char		 rotated[PATH_NAME_MAX + 32];	/* base name */
	char		 rotated_path[2 * PATH_NAME_MAX + 40];
	bool		 due;
	bool		 renamed;	/* moved by rename */
	bool		 moved;		/* copied by copytruncate */
};

int	rot_copytruncate(struct live_file *lf);

#endif
