#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void
print_prefixed(const char *prefix, const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("logtool: ", stderr);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int
error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_prefixed("", fmt, ap);
	va_end(ap);
	return -1;
}

int
error_core(void)
{
	return error("%s", lt_error());
}

static unsigned long warnings_printed;

unsigned long
warning_count(void)
{
	return warnings_printed;
}

void
warning(const char *fmt, ...)
{
	va_list ap;

	warnings_printed++;
	va_start(ap, fmt);
	print_prefixed("warning: ", fmt, ap);
	va_end(ap);
}

int
usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_prefixed("", fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'logtool %s --help'.\n", cmd);
	return EXIT_USAGE;
}

int
usage_hint(const char *cmd)
{
	fprintf(stderr, "Try 'logtool %s --help'.\n", cmd);
	return EXIT_USAGE;
}

void
bug_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "logtool: BUG at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/*
 * Set by the SIGPIPE handler: a reader of stdout went away (logtool ...
 * | head). Write errors after that are the expected end of output, not a
 * failure worth a message.
 */
static volatile sig_atomic_t pipe_closed;

/* errno of the first failed write to stdout that stdout_failed() saw. */
static int write_errno;

static void
note_pipe_closed(int sig)
{
	(void)sig;
	pipe_closed = 1;
}

void
watch_broken_pipe(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = note_pipe_closed;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
}

int
finish_output(int status, int failure)
{
	static bool reported;
	int saved;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return status;
	saved = errno != 0 ? errno : write_errno;
	if (pipe_closed || saved == EPIPE)
		return status;
	if (!reported) {
		/* errno is lost when the failed write was an earlier one. */
		if (saved != 0)
			error("cannot write to standard output: %s",
			    strerror(saved));
		else
			error("cannot write to standard output");
		reported = true;
	}
	return failure;
}

int
parse_count(const char *cmd, const char *option, const char *value,
    long long max, long long *out)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(value, &end, 10);
	if (value[0] == '\0' || *end != '\0' || errno != 0 || n < 0 ||
	    n > max) {
		usage_error(cmd, "invalid %s '%s': expected a whole number "
		    "from 0 to %lld", option, value, max);
		return -1;
	}
	*out = n;
	return 0;
}

int
parse_size(const char *cmd, const char *option, const char *value,
    long long *out)
{
	static const char units[] = "kmgt";
	const char *u;
	char *end;
	long long n, scale = 1;

	errno = 0;
	n = strtoll(value, &end, 10);
	if (end != value && *end != '\0' && end[1] == '\0' &&
	    (u = strchr(units, *end | 0x20)) != NULL) {
		for (long i = 0; i <= u - units; i++)
			scale *= 1024;
		end++;
	} else if (end != value && (*end | 0x20) == 'b' && end[1] == '\0') {
		end++;
	}
	if (end == value || *end != '\0' || errno != 0 || n < 0 ||
	    n > INT64_MAX / scale) {
		usage_error(cmd, "invalid %s '%s': expected a size such as "
		    "100M, 2G or 4096", option, value);
		return -1;
	}
	*out = n * scale;
	return 0;
}

bool
is_terminal(int fd)
{
	return isatty(fd) == 1;
}

bool
stdout_failed(void)
{
	if (!ferror(stdout))
		return false;
	/* Called right after the write, so errno still belongs to it. */
	if (write_errno == 0)
		write_errno = errno;
	return true;
}
