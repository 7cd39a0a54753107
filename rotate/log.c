/*
 * Action lines: one line on stdout per thing rotate does or would do.
 *
 * When stdout is not a terminal (cron, systemd, a pipe) each line starts
 * with the time in ISO 8601 UTC, so a log of many runs can be read back.
 * With --syslog each line also goes to syslog(3), facility LOG_USER,
 * priority LOG_INFO. Errors go to stderr only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

#include "cli.h"
#include "rotate.h"
#include "timeutil.h"

/*
 * The settings for this run. They live in a file-scope struct because
 * rot_action() is called from every step and is set once by
 * rot_log_init() before any of them.
 */
static struct {
	bool	stamp;
	bool	syslog;
} log_conf;

void
rot_log_init(bool syslog_too)
{
	log_conf.stamp = !is_terminal(1);
	log_conf.syslog = syslog_too;
	if (syslog_too)
		openlog("logtool-rotate", LOG_PID, LOG_USER);
}

void
rot_action(const char *fmt, ...)
{
	char stamp[LT_TIME_TEXT];
	va_list ap;

	if (log_conf.stamp) {
		lt_time_format(lt_now_ms(), stamp);
		printf("%s ", stamp);
	}
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (log_conf.syslog) {
		va_start(ap, fmt);
		vsyslog(LOG_INFO, fmt, ap);
		va_end(ap);
	}
}
