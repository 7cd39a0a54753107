/*
 * Internal interface of `logtool rotate`, shared by the files of rotate/.
 *
 *   cmd_rotate.c  options and the order of the steps
 *   select.c      which files of LOGDIR are closed and safe to archive
 *   period.c      periods (day, ISO week, month) and bundle names
 *   bundle.c      writing, verifying and publishing one tar bundle
 *   retention.c   deleting old bundles
 *   lock.c        one run at a time per archive directory
 *   log.c         the action lines on stdout (and syslog)
 *   live.c        rotating files that no Serilog roller closes
 */
#ifndef LT_ROTATE_H
#define LT_ROTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "digest.h"
#include "logname.h"

enum rot_unit {
	ROT_DAY,
	ROT_WEEK,
	ROT_MONTH,
};

enum rot_codec {
	ROT_GZIP,
	ROT_ZSTD,
	ROT_NONE,
};

#define ROT_KEY_MAX	24	/* "20251203", "2025W49", "202512" */
#define ROT_NAME_MAX	96	/* a bundle's base name */

/* The span of days one bundle covers, as days since 1970-01-01. */
struct rot_period {
	enum rot_unit	unit;
	int64_t		first_day;
	int64_t		last_day;
	char		key[ROT_KEY_MAX];
};

/* Bundle name prefixes: audit logs have their own bundles and retention. */
#define ROT_PREFIX_LOGS		"aura-logs"
#define ROT_PREFIX_AUDIT	"aura-audit"
#define ROT_AUDIT_FAMILY	"audit"
#define ROT_MANIFEST		"MANIFEST.sha256"

/* period.c */
void	rot_period_of(enum rot_unit unit, int64_t day, struct rot_period *p);
int64_t	rot_today(int64_t now_ms);
const char *rot_codec_suffix(enum rot_codec codec);
void	rot_bundle_name(const char *prefix, const struct rot_period *p,
	    enum rot_codec codec, char out[ROT_NAME_MAX]);
bool	rot_bundle_parse(const char *name, char prefix[ROT_NAME_MAX],
	    struct rot_period *p, enum rot_codec *codec);
bool	rot_is_temp_name(const char *name);

/* A log file chosen for archiving. */
struct rot_file {
	char		*name;		/* base name inside LOGDIR */
	struct lt_logname ln;
	int64_t		 day;		/* its date, days since the epoch */
	struct rot_period period;
	bool		 audit;		/* goes to an aura-audit bundle */
	struct stat	 st;		/* lstat() at selection */
	char		 sha[LT_SHA256_HEX]; /* set once it is in a bundle */
	bool		 failed;	/* keep the original */
	bool		 already;	/* an equal member was in the bundle */
};

struct rot_selection {
	struct rot_file	*files;
	size_t		 count;
	size_t		 cap;
};

/* select.c */
int	rot_select(const char *logdir, const char *const *families,
	    enum rot_unit unit, int64_t today, struct rot_selection *sel,
	    int *failures);
void	rot_selection_free(struct rot_selection *sel);
int	rot_drop_open_files(struct rot_selection *sel, int64_t today);
int	rot_check_safe(int dirfd, struct rot_file *f, bool open_for_write);

/* True when both describe the same file with the same size and mtime,
 * so that a file is deleted only if it did not change since it was read. */
bool	rot_same_file(const struct stat *a, const struct stat *b);

/* Bits of the access modes other processes have a file open with. */
#define ROT_OPEN_ANY		1u
#define ROT_OPEN_WRITE		2u	/* write access */
#define ROT_OPEN_NOAPPEND	4u	/* write access without O_APPEND */

void	rot_scan_open(const struct stat *files, size_t n, unsigned *state);

/* bundle.c: one bundle's files, written as one tar archive. */
struct rot_bundle {
	int		 logfd;		/* LOGDIR */
	int		 archfd;	/* archive directory */
	const char	*arch_shown;	/* archive dir as printed */
	const char	*logdir;
	char		 name[ROT_NAME_MAX];
	enum rot_codec	 codec;
	int		 level;		/* compression level, 0 = default */
	int		 threads;	/* zstd worker threads, 0 = none */
	bool		 exists;	/* name is already in the archive dir */
	struct rot_file	**files;
	size_t		 nfiles;
};

int	rot_bundle_write(struct rot_bundle *b);

/* retention.c */
struct rot_retention {
	long long	keep_days;	/* -1: not set */
	long long	keep;		/* -1: not set */
	long long	max_total;	/* -1: not set */
	long long	audit_keep_days; /* -1: never */
};

int	rot_retention(int archfd, const char *arch_shown,
	    const struct rot_retention *r, int64_t today, bool dry_run);

/* lock.c */
int	rot_lock(int archfd, const char *arch_path, long long wait_s);

/* log.c */
void	rot_log_init(bool syslog_too);
void	rot_action(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* compress.c */
int	rot_compress_file(int dirfd, const char *shown, const char *name,
	    enum rot_codec codec, int level);

/* live.c */
int	cmd_rotate_live(int argc, char **argv);

/* cmd_rotate.c: returns true when ARG, such as "--keep" or "--keep=3",
 * is an option of bundle rotation, so live rotation can name it so. */
bool	rot_is_bundle_option(const char *arg);

/* A named step at which LOGTOOL_TEST_KILL_AT stops the process with
 * SIGKILL; used by the crash tests. */
void	rot_test_kill_point(const char *step);

#endif
