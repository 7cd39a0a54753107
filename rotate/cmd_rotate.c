/*
 * logtool rotate: archive the closed Serilog files of a log directory
 * into verified tar bundles, one per period, then apply retention.
 *
 * A run parses the options, takes the archive directory's lock and
 * removes temporary files left by killed runs. It then selects the closed
 * files, writes and publishes one bundle per period (bundle.c), and
 * deletes the originals that are safely in a bundle. Last, it deletes old
 * bundles (retention.c). `--live` switches to live-file rotation (live.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cmds.h"
#include "rotate.h"
#include "timeutil.h"

#define MAX_FAMILIES	32

/* Families archived without --family: the request log and the error log.
 * The other Aura families (warnings, performance, audit) are opt-in. */
static const char *const default_families[] = { "aura-api", "errors",
    NULL };

struct options {
	const char	*logdir;
	const char	*archive_dir;	/* NULL: LOGDIR/archive */
	enum rot_unit	 unit;
	enum rot_codec	 codec;
	long long	 level;		/* -1: the codec's default level */
	long long	 threads;	/* zstd worker threads */
	struct rot_retention retention;
	const char	*families[MAX_FAMILIES + 1];
	long long	 wait_s;
	bool		 dry_run;
	bool		 syslog;
};

/* State shared by the steps of one run. */
struct run {
	struct options	*opt;
	char		*arch_path;	/* archive dir as opened */
	const char	*arch_shown;	/* archive dir as printed */
	int		 logfd;
	int		 archfd;	/* -1 in a dry run without the dir */
	int64_t		 today;
	int		 failures;
	bool		 invalid_operand; /* LOGDIR missing or a file */
};

static const char usage_text[] =
"usage: logtool rotate [OPTION]... LOGDIR\n"
"       logtool rotate --live [OPTION]... FILE...\n"
"\n"
"Archive the closed Serilog files of LOGDIR into verified tar bundles,\n"
"one per period, and delete the originals once their bundle is in place.\n"
"\n"
"  --archive-dir DIR     bundle directory (default LOGDIR/archive)\n"
"  --bundle UNIT         period of a bundle: day, week (ISO) or month\n"
"                        (default day)\n"
"  --compress CODEC      gzip or zstd (default gzip)\n"
"  --level N             compression level: gzip 1-9 (default 6), zstd\n"
"                        1-22 (default 1)\n"
"  --threads N           zstd worker threads, 0 for none (default 1)\n"
"  --family NAME         also archive family NAME (repeatable); the\n"
"                        defaults are aura-api and errors\n"
"  --keep-days N         delete aura-logs bundles whose period ended N or\n"
"                        more days ago\n"
"  --keep N              keep only the newest N aura-logs bundles\n"
"  --max-total SIZE      delete the oldest aura-logs bundles until they\n"
"                        use at most SIZE bytes (suffixes k, M, G)\n"
"  --audit-keep-days N   retention of aura-audit bundles (default 90;\n"
"                        'never' keeps them)\n"
"  --wait SECONDS        wait this long for another run's lock (default 0)\n"
"  --syslog              also send action lines to syslog\n"
"  --dry-run             print what would be done and change nothing\n"
"  --help                print this help and exit\n"
"\n"
"With --live, rotate files that a writer keeps open; see\n"
"'logtool rotate --live --help'.\n";

enum {
	OPT_ARCHIVE_DIR = 256, OPT_BUNDLE, OPT_COMPRESS, OPT_LEVEL,
	OPT_FAMILY, OPT_KEEP_DAYS, OPT_KEEP, OPT_MAX_TOTAL, OPT_AUDIT_KEEP,
	OPT_WAIT, OPT_SYSLOG, OPT_DRY_RUN, OPT_HELP, OPT_THREADS,
};

static const struct option long_options[] = {
	{ "archive-dir", required_argument, NULL, OPT_ARCHIVE_DIR },
	{ "bundle", required_argument, NULL, OPT_BUNDLE },
	{ "compress", required_argument, NULL, OPT_COMPRESS },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "family", required_argument, NULL, OPT_FAMILY },
	{ "keep-days", required_argument, NULL, OPT_KEEP_DAYS },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "max-total", required_argument, NULL, OPT_MAX_TOTAL },
	{ "audit-keep-days", required_argument, NULL, OPT_AUDIT_KEEP },
	{ "wait", required_argument, NULL, OPT_WAIT },
	{ "syslog", no_argument, NULL, OPT_SYSLOG },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

bool
rot_is_bundle_option(const char *arg)
{
	size_t len;

	if (strncmp(arg, "--", 2) != 0)
		return false;
	arg += 2;
	len = strcspn(arg, "=");
	for (size_t i = 0; long_options[i].name != NULL; i++)
		if (strlen(long_options[i].name) == len &&
		    strncmp(long_options[i].name, arg, len) == 0)
			return true;
	return false;
}

void
rot_test_kill_point(const char *step)
{
	const char *at = getenv("LOGTOOL_TEST_KILL_AT");

	if (at != NULL && strcmp(at, step) == 0)
		raise(SIGKILL);
}

static int
add_family(struct options *o, const char *name)
{
	struct lt_logname ln;
	char probe[LT_FAMILY_MAX + 32];
	size_t n = 0;

	/* A family is valid when a name built from it parses back to it. */
	snprintf(probe, sizeof(probe), "%s-20250101.log", name);
	if (strlen(name) >= LT_FAMILY_MAX || !lt_logname_parse(probe, &ln) ||
	    strcmp(ln.family, name) != 0)
		return usage_error("rotate", "invalid family name '%s'",
		    name), -1;
	while (o->families[n] != NULL) {
		if (strcmp(o->families[n], name) == 0)
			return 0;
		n++;
	}
	if (n == MAX_FAMILIES)
		return usage_error("rotate", "too many families: at most "
		    "%d", MAX_FAMILIES), -1;
	o->families[n] = name;
	return 0;
}

static int
parse_word(const char *option, const char *value,
    const char *const *words, int *out)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(value, words[i]) == 0) {
			*out = i;
			return 0;
		}
	return usage_error("rotate", "invalid %s '%s'", option, value), -1;
}

/*
 * Parses the value of a retention option of the bundles named by kind
 * ("bundle" or "audit bundle"). Zero is rejected because it would delete
 * every such bundle, the one of today included.
 */
static int
parse_retention(const char *option, const char *arg, const char *kind,
    long long *out)
{
	if (parse_count("rotate", option, arg, 1000000, out) == -1)
		return -1;
	if (*out == 0)
		return usage_error("rotate", "invalid %s '%s': 0 would delete "
		    "every %s, today's included; use at least 1", option,
		    arg, kind), -1;
	return 0;
}

static int
parse_option(struct options *o, int c, const char *arg)
{
	static const char *const units[] = { "day", "week", "month", NULL };
	static const char *const codecs[] = { "gzip", "zstd", NULL };
	struct rot_retention *r = &o->retention;
	int word;

	switch (c) {
	case OPT_ARCHIVE_DIR:
		o->archive_dir = arg;
		return 0;
	case OPT_BUNDLE:
		if (parse_word("--bundle", arg, units, &word) == -1)
			return -1;
		o->unit = (enum rot_unit)word;
		return 0;
	case OPT_COMPRESS:
		if (parse_word("--compress", arg, codecs, &word) == -1)
			return -1;
		o->codec = (enum rot_codec)word;
		return 0;
	case OPT_LEVEL:
		return parse_count("rotate", "--level", arg, 22, &o->level);
	case OPT_THREADS:
		return parse_count("rotate", "--threads", arg, 64,
		    &o->threads);
	case OPT_FAMILY:
		return add_family(o, arg);
	case OPT_KEEP_DAYS:
		return parse_retention("--keep-days", arg, "bundle",
		    &r->keep_days);
	case OPT_KEEP:
		return parse_retention("--keep", arg, "bundle", &r->keep);
	case OPT_MAX_TOTAL:
		if (parse_size("rotate", "--max-total", arg,
		    &r->max_total) == -1)
			return -1;
		if (r->max_total == 0)
			return usage_error("rotate", "invalid --max-total "
			    "'%s': 0 would delete every bundle; use at least "
			    "1", arg), -1;
		return 0;
	case OPT_AUDIT_KEEP:
		if (strcmp(arg, "never") == 0) {
			r->audit_keep_days = -1;
			return 0;
		}
		return parse_retention("--audit-keep-days", arg,
		    "audit bundle", &r->audit_keep_days);
	case OPT_WAIT:
		return parse_count("rotate", "--wait", arg, 86400, &o->wait_s);
	case OPT_SYSLOG:
		o->syslog = true;
		return 0;
	case OPT_DRY_RUN:
		o->dry_run = true;
		return 0;
	default:
		usage_error("rotate", "unknown option");
		return -1;
	}
}

/*
 * Default compression levels of bundles. A zstd bundle at level 1 costs
 * a fifth of the CPU time of a gzip -6 bundle and is still smaller, where
 * zstd's own default, level 3, costs about a third (measured by
 * bench/rotate.sh, figures in bench/results-rotate.md).
 */
#define GZIP_LEVEL_DEFAULT	6
#define GZIP_LEVEL_MAX		9
#define ZSTD_LEVEL_DEFAULT	1
#define ZSTD_LEVEL_MAX		22

static int
check_level(const struct options *o)
{
	long long max = o->codec == ROT_ZSTD ? ZSTD_LEVEL_MAX :
	    GZIP_LEVEL_MAX;

	if (o->level == -1 || (o->level >= 1 && o->level <= max))
		return 0;
	return usage_error("rotate", "invalid --level '%lld' for %s: "
	    "expected 1 to %lld", o->level,
	    o->codec == ROT_ZSTD ? "zstd" : "gzip", max), -1;
}

/* Returns the level for a bundle of the given codec: --level when it
 * was given for that codec, else the codec's default. */
static int
bundle_level(const struct options *o, enum rot_codec codec)
{
	if (o->level > 0 && codec == o->codec)
		return (int)o->level;
	return codec == ROT_ZSTD ? ZSTD_LEVEL_DEFAULT : GZIP_LEVEL_DEFAULT;
}

/* Returns -1 on a usage error, 1 after --help, 0 to run. */
static int
parse_options(struct options *o, int argc, char **argv)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->retention = (struct rot_retention){ -1, -1, -1, 90 };
	o->threads = 1;
	o->level = -1;
	for (size_t i = 0; default_families[i] != NULL; i++)
		if (add_family(o, default_families[i]) == -1)
			return -1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
		if (c == OPT_HELP) {
			fputs(usage_text, stdout);
			return 1;
		}
		if (c == '?') {
			usage_error("rotate", "unknown option '%s'",
			    argv[optind - 1]);
			return -1;
		}
		if (parse_option(o, c, optarg) == -1)
			return -1;
	}
	if (argc - optind != 1) {
		usage_error("rotate", argc == optind ? "missing LOGDIR" :
		    "too many operands: expected one LOGDIR");
		return -1;
	}
	o->logdir = argv[optind];
	return check_level(o);
}

/*
 * Removes temporary bundles of killed runs. Only the holder of the lock
 * writes temporary files, so every one found under the lock is stale,
 * whatever process id its name carries.
 */
static void
remove_stale_temps(struct run *r)
{
	struct dirent *de;
	DIR *d;
	int fd;

	if ((fd = dup(r->archfd)) == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		return;
	}
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		if (!rot_is_temp_name(de->d_name))
			continue;
		if (unlinkat(r->archfd, de->d_name, 0) == -1) {
			r->failures++;
			error("cannot remove stale temporary file '%s/%s': %s",
			    r->arch_shown, de->d_name, strerror(errno));
			continue;
		}
		rot_action("removed stale temporary file %s/%s",
		    r->arch_shown, de->d_name);
	}
	closedir(d);
}

static int
open_archive_dir(struct run *r)
{
	struct options *o = r->opt;

	if (o->archive_dir != NULL) {
		r->arch_path = strdup(o->archive_dir);
		r->arch_shown = o->archive_dir;
	} else {
		if (asprintf(&r->arch_path, "%s/archive", o->logdir) == -1)
			r->arch_path = NULL;
		r->arch_shown = "archive";
	}
	if (r->arch_path == NULL)
		return error("out of memory");
	if (!o->dry_run && mkdir(r->arch_path, 0755) == -1 &&
	    errno != EEXIST)
		return error("cannot create archive directory '%s': %s",
		    r->arch_path, strerror(errno));
	r->archfd = open(r->arch_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r->archfd == -1 && !(o->dry_run && errno == ENOENT))
		return error("cannot open archive directory '%s': %s",
		    r->arch_path, strerror(errno));
	if (o->dry_run || r->archfd == -1)
		return 0;
	if (rot_lock(r->archfd, r->arch_path, o->wait_s) == -1)
		return -1;
	remove_stale_temps(r);
	return 0;
}

/* Finds an existing bundle for the period, of any compression. */
static bool
find_existing(struct run *r, const char *prefix,
    const struct rot_period *p, char name[ROT_NAME_MAX],
    enum rot_codec *codec)
{
	static const enum rot_codec codecs[] = { ROT_GZIP, ROT_ZSTD,
	    ROT_NONE };
	struct stat st;

	for (size_t i = 0; r->archfd != -1 && i < 3; i++) {
		rot_bundle_name(prefix, p, codecs[i], name);
		if (fstatat(r->archfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			*codec = codecs[i];
			return true;
		}
	}
	*codec = r->opt->codec;
	rot_bundle_name(prefix, p, *codec, name);
	return false;
}

/* Deletes the originals of a published bundle, each only if unchanged. */
static void
remove_originals(struct run *r, struct rot_bundle *b)
{
	struct stat st;

	for (size_t i = 0; i < b->nfiles; i++) {
		struct rot_file *f = b->files[i];

		if (f->failed)
			continue;
		if (f->already)
			rot_action("found %s already in %s/%s", f->name,
			    r->arch_shown, b->name);
		else
			rot_action("archived %s -> %s/%s", f->name,
			    r->arch_shown, b->name);
		if (fstatat(r->logfd, f->name, &st, AT_SYMLINK_NOFOLLOW) ==
		    -1) {
			if (errno == ENOENT)
				warning("'%s' was removed by another process "
				    "after it was archived", f->name);
			else {
				r->failures++;
				error("cannot read '%s': %s", f->name,
				    strerror(errno));
			}
			continue;
		}
		if (!rot_same_file(&st, &f->st)) {
			r->failures++;
			error("kept '%s': it changed after it was archived",
			    f->name);
			continue;
		}
		if (unlinkat(r->logfd, f->name, 0) == -1) {
			r->failures++;
			error("cannot remove '%s': %s", f->name,
			    strerror(errno));
			continue;
		}
		rot_action("removed %s", f->name);
		rot_test_kill_point("removed");
	}
}

static void
archive_group(struct run *r, struct rot_file **files, size_t n)
{
	struct rot_bundle b;
	const char *prefix = files[0]->audit ? ROT_PREFIX_AUDIT :
	    ROT_PREFIX_LOGS;

	memset(&b, 0, sizeof(b));
	b.exists = find_existing(r, prefix, &files[0]->period, b.name,
	    &b.codec);
	if (r->opt->dry_run) {
		for (size_t i = 0; i < n; i++) {
			rot_action("would archive %s -> %s/%s", files[i]->name,
			    r->arch_shown, b.name);
			rot_action("would remove %s", files[i]->name);
		}
		return;
	}
	b.logfd = r->logfd;
	b.archfd = r->archfd;
	b.arch_shown = r->arch_shown;
	b.logdir = r->opt->logdir;
	b.level = bundle_level(r->opt, b.codec);
	b.threads = (int)r->opt->threads;
	b.files = files;
	b.nfiles = n;
	if (rot_bundle_write(&b) == -1) {
		r->failures++;
		error("kept the originals of '%s/%s'", r->arch_shown, b.name);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (files[i]->failed)
			r->failures++;
	remove_originals(r, &b);
}

/* Groups the sorted selection by bundle and archives each group. */
static int
archive_all(struct run *r, struct rot_selection *sel)
{
	struct rot_file **group;
	size_t start = 0, end;

	if ((group = calloc(sel->count + 1, sizeof(*group))) == NULL)
		return error("out of memory");
	while (start < sel->count) {
		struct rot_file *first = &sel->files[start];

		for (end = start; end < sel->count &&
		    sel->files[end].audit == first->audit &&
		    strcmp(sel->files[end].period.key, first->period.key) == 0;
		    end++)
			group[end - start] = &sel->files[end];
		archive_group(r, group, end - start);
		start = end;
	}
	free(group);
	return 0;
}

/*
 * Opens LOGDIR. A missing LOGDIR, or a file given in its place, is invalid
 * input and sets r->invalid_operand; other errors are failures.
 */
static int
open_log_dir(struct run *r)
{
	const char *logdir = r->opt->logdir;
	struct stat st;
	int saved;

	r->logfd = open(logdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r->logfd != -1)
		return 0;
	saved = errno;
	r->invalid_operand = saved == ENOENT || saved == ENOTDIR;
	if (saved == ENOTDIR && stat(logdir, &st) == 0 &&
	    S_ISREG(st.st_mode))
		return error("log directory '%s' is a file: use 'logtool "
		    "rotate --live' to rotate a file that a writer keeps "
		    "open", logdir);
	return error("cannot open log directory '%s': %s", logdir,
	    strerror(saved));
}

static int
run_rotate(struct run *r)
{
	struct rot_selection sel = { NULL, 0, 0, };
	struct options *o = r->opt;

	if (open_log_dir(r) == -1)
		return -1;
	if (open_archive_dir(r) == -1)
		return -1;
	if (rot_select(o->logdir, o->families, o->unit, r->today, &sel,
	    &r->failures) == -1) {
		rot_selection_free(&sel);
		return -1;
	}
	if (archive_all(r, &sel) == -1)
		r->failures++;
	rot_selection_free(&sel);
	if (r->archfd != -1 && rot_retention(r->archfd, r->arch_shown,
	    &o->retention, r->today, o->dry_run) == -1)
		r->failures++;
	return 0;
}

static bool
wants_live(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--live") == 0)
			return true;
	}
	return false;
}

int
cmd_rotate(int argc, char **argv)
{
	struct options opt;
	struct run r;
	int rc;

	if (wants_live(argc, argv))
		return cmd_rotate_live(argc, argv);
	if ((rc = parse_options(&opt, argc, argv)) != 0)
		return rc == 1 ? finish_output(EXIT_OK, EXIT_FAIL) : EXIT_USAGE;
	/* A file size limit (ulimit -f) must fail the write, not kill us. */
	signal(SIGXFSZ, SIG_IGN);
	rot_log_init(opt.syslog);
	memset(&r, 0, sizeof(r));
	r.opt = &opt;
	r.logfd = r.archfd = -1;
	r.today = rot_today(lt_now_ms());
	rc = run_rotate(&r);
	if (r.logfd != -1)
		close(r.logfd);
	if (r.archfd != -1)
		close(r.archfd);
	free(r.arch_path);
	if (r.invalid_operand)
		return finish_output(EXIT_USAGE, EXIT_FAIL);
	if (rc == -1 || r.failures > 0)
		return finish_output(EXIT_FAIL, EXIT_FAIL);
	return finish_output(EXIT_OK, EXIT_FAIL);
}
