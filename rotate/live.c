/*
 * logtool rotate --live: rotating files that a writer keeps open and no
 * Serilog roller closes.
 *
 * A run rotates each due FILE to FILE.YYYYMMDD (local date; .1, .2, ...
 * when taken) in two phases:
 *   1. every file is moved aside, by rename (then a new FILE is created)
 *      or by copytruncate (livecopy.c);
 *   2. the writers are notified once (--signal to the process of
 *      --pidfile, or --notify CMD). Then, for each file moved by rename,
 *      the run waits until no process has the old file open
 *      (--open-timeout), and it compresses each rotated file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "live.h"
#include "rotate.h"
#include "timeutil.h"

static const char live_usage[] =
"usage: logtool rotate --live [OPTION]... FILE...\n"
"\n"
"Rotate log files that a writer keeps open: move FILE to FILE.YYYYMMDD,\n"
"tell the writer, and compress the rotated file.\n"
"\n"
"  --method METHOD       rename (default) or copytruncate\n"
"  --create MODE[:OWNER[:GROUP]]\n"
"                        mode (octal) and owner of the new FILE after a\n"
"                        rename (default: those of the old file)\n"
"  --signal SIG          send SIG (HUP, USR1, ...) to the process whose\n"
"                        id is in --pidfile after renaming\n"
"  --pidfile FILE        file that contains the writer's process id\n"
"  --notify CMD          run CMD with /bin/sh after renaming\n"
"  --open-timeout SECONDS\n"
"                        how long to wait for writers to close a renamed\n"
"                        file before compressing it (default 60)\n"
"  --size SIZE           rotate only files of at least SIZE bytes\n"
"  --age DURATION        rotate only files created at least DURATION ago\n"
"                        (such as 1d or 12h)\n"
"  --compress CODEC      gzip (default), zstd or none\n"
"  --level N             compression level\n"
"  --syslog              also send action lines to syslog\n"
"  --dry-run             print what would be done and change nothing\n"
"  --help                print this help and exit\n";

enum {
	OPT_LIVE = 256, OPT_METHOD, OPT_CREATE, OPT_SIGNAL, OPT_PIDFILE,
	OPT_NOTIFY, OPT_OPEN_TIMEOUT, OPT_SIZE, OPT_AGE, OPT_COMPRESS,
	OPT_LEVEL, OPT_SYSLOG, OPT_DRY_RUN, OPT_HELP,
};

static const struct option live_options[] = {
	{ "live", no_argument, NULL, OPT_LIVE },
	{ "method", required_argument, NULL, OPT_METHOD },
	{ "create", required_argument, NULL, OPT_CREATE },
	{ "signal", required_argument, NULL, OPT_SIGNAL },
	{ "pidfile", required_argument, NULL, OPT_PIDFILE },
	{ "notify", required_argument, NULL, OPT_NOTIFY },
	{ "open-timeout", required_argument, NULL, OPT_OPEN_TIMEOUT },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "age", required_argument, NULL, OPT_AGE },
	{ "compress", required_argument, NULL, OPT_COMPRESS },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "syslog", no_argument, NULL, OPT_SYSLOG },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const struct {
	const char	*name;
	int		 number;
} signal_names[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "TERM", SIGTERM }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
	{ "WINCH", SIGWINCH }, { "CONT", SIGCONT },
};

/* Writes "SIGHUP", or "signal N" for a signal not in the table. */
static void
format_signal(int number, char out[16])
{
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(*signal_names);
	    i++)
		if (signal_names[i].number == number) {
			snprintf(out, 16, "SIG%s", signal_names[i].name);
			return;
		}
	snprintf(out, 16, "signal %d", number);
}

/* Parses a signal: a name with or without "SIG", or a number. */
static int
parse_signal(const char *value, int *out)
{
	const char *name = value;
	char *end;
	long n;

	if (strncmp(name, "SIG", 3) == 0)
		name += 3;
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(*signal_names);
	    i++)
		if (strcmp(name, signal_names[i].name) == 0) {
			*out = signal_names[i].number;
			return 0;
		}
	n = strtol(value, &end, 10);
	if (value[0] == '\0' || *end != '\0' || n < 1 || n > 64)
		return usage_error("rotate", "invalid --signal '%s': expected "
		    "a name such as HUP or USR1, or a number", value), -1;
	*out = (int)n;
	return 0;
}

/*
 * Parses --create: MODE [":" OWNER [":" GROUP]], MODE in octal, OWNER and
 * GROUP as names or numeric ids.
 */
static int
parse_create(const char *value, struct live_options *o)
{
	char *copy, *mode, *owner, *group, *end, *save = NULL;
	struct passwd *pw;
	struct group *gr;
	long m;
	int rc = 0;

	if ((copy = strdup(value)) == NULL)
		return error("out of memory");
	mode = strtok_r(copy, ":", &save);
	owner = strtok_r(NULL, ":", &save);
	group = strtok_r(NULL, ":", &save);
	m = mode == NULL ? -1 : strtol(mode, &end, 8);
	if (m < 0 || m > 07777 || *end != '\0')
		rc = usage_error("rotate", "invalid --create mode in '%s': "
		    "expected octal such as 0640", value);
	o->create_mode = (int)m;
	if (rc == 0 && owner != NULL) {
		if ((pw = getpwnam(owner)) != NULL)
			o->create_uid = (long)pw->pw_uid;
		else if ((o->create_uid = strtol(owner, &end, 10)) < 0 ||
		    *end != '\0')
			rc = usage_error("rotate", "unknown user '%s' in "
			    "--create", owner);
	}
	if (rc == 0 && group != NULL) {
		if ((gr = getgrnam(group)) != NULL)
			o->create_gid = (long)gr->gr_gid;
		else if ((o->create_gid = strtol(group, &end, 10)) < 0 ||
		    *end != '\0')
			rc = usage_error("rotate", "unknown group '%s' in "
			    "--create", group);
	}
	free(copy);
	return rc == 0 ? 0 : -1;
}

static int
parse_live_option(struct live_options *o, int c, const char *arg)
{
	long long n;

	switch (c) {
	case OPT_LIVE:
		return 0;
	case OPT_METHOD:
		if (strcmp(arg, "rename") == 0)
			o->copytruncate = false;
		else if (strcmp(arg, "copytruncate") == 0)
			o->copytruncate = true;
		else
			return usage_error("rotate", "invalid --method '%s': "
			    "expected rename or copytruncate", arg), -1;
		return 0;
	case OPT_CREATE:
		return parse_create(arg, o);
	case OPT_SIGNAL:
		return parse_signal(arg, &o->signal);
	case OPT_PIDFILE:
		o->pidfile = arg;
		return 0;
	case OPT_NOTIFY:
		o->notify = arg;
		return 0;
	case OPT_OPEN_TIMEOUT:
		if (parse_count("rotate", "--open-timeout", arg, 86400, &n)
		    == -1)
			return -1;
		o->open_timeout_s = n;
		return 0;
	case OPT_SIZE:
		return parse_size("rotate", "--size", arg, &o->min_size);
	case OPT_AGE:
		if (lt_duration_parse(arg, &o->min_age_ms) == -1)
			return usage_error("rotate", "%s", lt_error()), -1;
		return 0;
	case OPT_COMPRESS:
		if (strcmp(arg, "gzip") == 0)
			o->codec = ROT_GZIP;
		else if (strcmp(arg, "zstd") == 0)
			o->codec = ROT_ZSTD;
		else if (strcmp(arg, "none") == 0)
			o->codec = ROT_NONE;
		else
			return usage_error("rotate", "invalid --compress '%s': "
			    "expected gzip, zstd or none", arg), -1;
		return 0;
	case OPT_LEVEL:
		if (parse_count("rotate", "--level", arg, 22, &n) == -1)
			return -1;
		o->level = (int)n;
		return 0;
	case OPT_SYSLOG:
		o->syslog = true;
		return 0;
	case OPT_DRY_RUN:
		o->dry_run = true;
		return 0;
	default:
		return usage_error("rotate", "unknown option"), -1;
	}
}

/* Returns -1 on a usage error, 1 after --help, 0 to run. */
static int
parse_live_options(struct live_options *o, int argc, char **argv)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->create_mode = -1;
	o->create_uid = o->create_gid = -1;
	o->open_timeout_s = 60;
	o->min_size = -1;
	o->min_age_ms = -1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", live_options, NULL)) != -1) {
		if (c == OPT_HELP) {
			fputs(live_usage, stdout);
			return 1;
		}
		if (c == '?' && rot_is_bundle_option(argv[optind - 1]))
			return usage_error("rotate", "option '%s' does not "
			    "apply to --live: it is for archiving a LOGDIR",
			    argv[optind - 1]), -1;
		if (c == '?')
			return usage_error("rotate", "unknown option '%s'",
			    argv[optind - 1]), -1;
		if (parse_live_option(o, c, optarg) == -1)
			return -1;
	}
	if ((o->signal != 0) != (o->pidfile != NULL))
		return usage_error("rotate", "--signal and --pidfile go "
		    "together"), -1;
	if (o->notify != NULL && o->signal != 0)
		return usage_error("rotate", "use either --signal or "
		    "--notify, not both"), -1;
	if (optind == argc)
		return usage_error("rotate", "missing FILE"), -1;
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
	return 0;
}

/* Age of a file from its birth time; -1 when the file system has none. */
static int64_t
file_age_ms(int dirfd, const char *name, int64_t now_ms)
{
	struct statx sx;

	if (statx(dirfd, name, AT_SYMLINK_NOFOLLOW, STATX_BTIME, &sx) == -1 ||
	    (sx.stx_mask & STATX_BTIME) == 0)
		return -1;
	return now_ms - ((int64_t)sx.stx_btime.tv_sec * 1000 +
	    sx.stx_btime.tv_nsec / 1000000);
}

static bool
is_due(const struct live_options *o, struct live_file *lf, int64_t now_ms)
{
	int64_t age;

	if (lf->st.st_size == 0)
		return false;
	if (o->min_size < 0 && o->min_age_ms < 0)
		return true;
	if (o->min_size >= 0 && lf->st.st_size >= o->min_size)
		return true;
	if (o->min_age_ms >= 0) {
		age = file_age_ms(lf->dirfd, lf->base, now_ms);
		if (age >= o->min_age_ms)
			return true;
	}
	return false;
}

static bool
name_taken(int dirfd, const char *name)
{
	static const char *const ext[] = { "", ".gz", ".zst" };
	char path[PATH_NAME_MAX + 8];
	struct stat st;

	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s%s", name, ext[i]);
		if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0)
			return true;
	}
	return false;
}

/* Picks FILE.YYYYMMDD, or FILE.YYYYMMDD.N when that is taken. */
static void
choose_rotated_name(struct live_file *lf, int64_t now_ms)
{
	time_t t = (time_t)(now_ms / 1000);
	struct tm tm;
	char date[16];

	localtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y%m%d", &tm);
	snprintf(lf->rotated, sizeof(lf->rotated), "%s.%s", lf->base, date);
	for (int n = 1; name_taken(lf->dirfd, lf->rotated); n++)
		snprintf(lf->rotated, sizeof(lf->rotated), "%s.%s.%d",
		    lf->base, date, n);
}

/* Creates the new empty FILE after a rename, like the old one. */
static int
create_new(const struct live_options *o, struct live_file *lf)
{
	mode_t mode = o->create_mode >= 0 ? (mode_t)o->create_mode :
	    lf->st.st_mode & 07777;
	uid_t uid = o->create_uid >= 0 ? (uid_t)o->create_uid : lf->st.st_uid;
	gid_t gid = o->create_gid >= 0 ? (gid_t)o->create_gid : lf->st.st_gid;
	int fd;

	fd = openat(lf->dirfd, lf->base, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1 && errno == EEXIST)
		return 0;	/* the writer has reopened it already */
	if (fd == -1)
		return error("cannot create '%s': %s", lf->path,
		    strerror(errno));
	if (fchown(fd, uid, gid) == -1 && errno != EPERM)
		warning("cannot set the owner of '%s': %s", lf->path,
		    strerror(errno));
	if (fchmod(fd, mode) == -1)
		warning("cannot set the mode of '%s': %s", lf->path,
		    strerror(errno));
	close(fd);
	rot_action("created %s (mode %04o)", lf->path, (unsigned)mode);
	return 0;
}

static int
rotate_by_rename(const struct live_options *o, struct live_file *lf)
{
	if (renameat(lf->dirfd, lf->base, lf->dirfd, lf->rotated) == -1)
		return error("cannot rename '%s' to '%s': %s", lf->path,
		    lf->rotated, strerror(errno));
	rot_action("rotated %s -> %s", lf->path, lf->rotated_path);
	if (create_new(o, lf) == -1)
		return -1;
	if (fsync(lf->dirfd) == -1)
		return error("cannot sync the directory of '%s': %s",
		    lf->path, strerror(errno));
	lf->renamed = true;
	return 0;
}

static int
notify_writers(const struct live_options *o)
{
	FILE *fp;
	long pid = 0;
	int status;
	char sig[16];

	if (o->pidfile != NULL) {
		if ((fp = fopen(o->pidfile, "r")) == NULL)
			return error("cannot read pid file '%s': %s",
			    o->pidfile, strerror(errno));
		if (fscanf(fp, "%ld", &pid) != 1 || pid <= 1) {
			fclose(fp);
			return error("invalid pid file '%s': expected a "
			    "process id", o->pidfile);
		}
		fclose(fp);
		format_signal(o->signal, sig);
		if (kill((pid_t)pid, o->signal) == -1)
			return error("cannot send %s to pid %ld from '%s': %s",
			    sig, pid, o->pidfile, strerror(errno));
		rot_action("sent %s to pid %ld", sig, pid);
	}
	if (o->notify != NULL) {
		fflush(stdout);
		status = system(o->notify);
		if (status == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			return error("notify command '%s' failed with status "
			    "%d", o->notify, WIFEXITED(status) ?
			    WEXITSTATUS(status) : -1);
		rot_action("ran notify command '%s'", o->notify);
	}
	return 0;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Waits until no other process has the renamed file open. */
static int
wait_closed(const struct live_options *o, struct live_file *lf)
{
	long long waited_ms = 0;
	unsigned state;

	for (;;) {
		state = 0;
		rot_scan_open(&lf->st, 1, &state);
		if (state == 0)
			return 0;
		if (waited_ms >= o->open_timeout_s * 1000)
			return error("'%s' is still open after %lld seconds; "
			    "it is left uncompressed", lf->rotated_path,
			    o->open_timeout_s);
		sleep_ms(100);
		waited_ms += 100;
	}
}

/*
 * Removes ".BASE...tmp.PID" files that runs killed while rotating this
 * file left behind: those whose process no longer exists.
 */
static void
remove_stale_temps(struct live_file *lf)
{
	struct dirent *de;
	size_t blen = strlen(lf->base);
	const char *pid;
	DIR *d;
	int fd;

	if ((fd = dup(lf->dirfd)) == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!rot_is_temp_name(de->d_name) ||
		    strncmp(de->d_name + 1, lf->base, blen) != 0 ||
		    de->d_name[blen + 1] != '.')
			continue;
		pid = strrchr(de->d_name, '.') + 1;
		if (kill((pid_t)atol(pid), 0) == 0 || errno != ESRCH)
			continue;
		if (unlinkat(lf->dirfd, de->d_name, 0) == 0)
			rot_action("removed stale temporary file %s/%s",
			    lf->dir, de->d_name);
	}
	closedir(d);
}

static int
open_live_file(struct live_file *lf, const char *path)
{
	char *dcopy, *bcopy;

	memset(lf, 0, sizeof(*lf));
	lf->dirfd = -1;
	lf->path = path;
	dcopy = strdup(path);
	bcopy = strdup(path);
	if (dcopy == NULL || bcopy == NULL) {
		free(dcopy);
		free(bcopy);
		return error("out of memory");
	}
	snprintf(lf->dir, sizeof(lf->dir), "%s", dirname(dcopy));
	snprintf(lf->base, sizeof(lf->base), "%s", basename(bcopy));
	free(dcopy);
	free(bcopy);
	lf->dirfd = open(lf->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lf->dirfd == -1)
		return error("cannot open directory '%s': %s", lf->dir,
		    strerror(errno));
	return 0;
}

static void
set_rotated_path(struct live_file *lf)
{
	if (strcmp(lf->dir, ".") == 0 && strchr(lf->path, '/') == NULL)
		snprintf(lf->rotated_path, sizeof(lf->rotated_path), "%s",
		    lf->rotated);
	else
		snprintf(lf->rotated_path, sizeof(lf->rotated_path), "%s/%s",
		    lf->dir, lf->rotated);
}

/*
 * Runs in one directory take turns through a flock(2) on the directory.
 * Locks belong to open file descriptions, so a directory that an earlier
 * operand already locked is not locked again.
 */
static int
lock_directory(struct live_file *lfs, size_t i)
{
	struct stat st, other;

	if (fstat(lfs[i].dirfd, &st) == -1)
		return error("cannot read directory '%s': %s", lfs[i].dir,
		    strerror(errno));
	for (size_t j = 0; j < i; j++)
		if (lfs[j].dirfd != -1 && fstat(lfs[j].dirfd, &other) == 0 &&
		    other.st_dev == st.st_dev && other.st_ino == st.st_ino)
			return 0;
	if (flock(lfs[i].dirfd, LOCK_EX) == -1)
		return error("cannot lock directory '%s': %s", lfs[i].dir,
		    strerror(errno));
	return 0;
}

/* Phase 1 for one file: returns 0 (rotated or not due) or -1. */
static int
move_aside(const struct live_options *o, struct live_file *lfs, size_t i,
    int64_t now_ms)
{
	struct live_file *lf = &lfs[i];
	const char *path = o->files[i];

	if (open_live_file(lf, path) == -1 || lock_directory(lfs, i) == -1)
		return -1;
	remove_stale_temps(lf);
	if (fstatat(lf->dirfd, lf->base, &lf->st, AT_SYMLINK_NOFOLLOW) == -1)
		return error("cannot read '%s': %s", path, strerror(errno));
	if (!S_ISREG(lf->st.st_mode))
		return error("rejected '%s': not a regular file (symbolic "
		    "links are not followed)", path);
	if (!is_due(o, lf, now_ms))
		return 0;
	choose_rotated_name(lf, now_ms);
	set_rotated_path(lf);
	lf->due = true;
	if (o->dry_run) {
		rot_action("would rotate %s -> %s (%s)", path,
		    lf->rotated_path, o->copytruncate ? "copytruncate" :
		    "rename");
		return 0;
	}
	if (o->copytruncate)
		return rot_copytruncate(lf);
	return rotate_by_rename(o, lf);
}

/* Phase 2 for one file: wait for writers to close it, then compress. */
static int
finish_file(const struct live_options *o, struct live_file *lf)
{
	if (!lf->moved && !lf->renamed)
		return 0;
	if (lf->renamed && wait_closed(o, lf) == -1)
		return -1;
	if (o->codec == ROT_NONE)
		return 0;
	return rot_compress_file(lf->dirfd, lf->rotated_path, lf->rotated,
	    o->codec, o->level);
}

int
cmd_rotate_live(int argc, char **argv)
{
	struct live_options o;
	struct live_file *lf;
	int64_t now_ms = lt_now_ms();
	int failures = 0, rc;
	bool any_moved = false;

	if ((rc = parse_live_options(&o, argc, argv)) != 0)
		return rc == 1 ? finish_output(EXIT_OK, EXIT_FAIL) : EXIT_USAGE;
	signal(SIGXFSZ, SIG_IGN);
	rot_log_init(o.syslog);
	if ((lf = calloc(o.nfiles, sizeof(*lf))) == NULL)
		return error("out of memory"), EXIT_FAIL;
	for (size_t i = 0; i < o.nfiles; i++) {
		if (move_aside(&o, lf, i, now_ms) == -1)
			failures++;
		any_moved |= lf[i].renamed || lf[i].moved;
	}
	if (any_moved && notify_writers(&o) == -1)
		failures++;
	for (size_t i = 0; i < o.nfiles; i++) {
		if (!o.dry_run && finish_file(&o, &lf[i]) == -1)
			failures++;
		if (o.dry_run && lf[i].due && o.codec != ROT_NONE)
			rot_action("would compress %s", lf[i].rotated_path);
		if (lf[i].dirfd != -1)
			close(lf[i].dirfd);
	}
	free(lf);
	return finish_output(failures > 0 ? EXIT_FAIL : EXIT_OK, EXIT_FAIL);
}
