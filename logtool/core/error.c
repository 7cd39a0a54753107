#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

static char last_error[1024];
static lt_warn_hook warn_hook;

static void
format_message(char *out, size_t size, const char *fmt, va_list ap)
{
	vsnprintf(out, size, fmt, ap);
}

int
lt_error_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	format_message(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return -1;
}

int
lt_error_errno(const char *fmt, ...)
{
	int saved = errno;
	size_t len;
	va_list ap;

	va_start(ap, fmt);
	format_message(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	len = strlen(last_error);
	snprintf(last_error + len, sizeof(last_error) - len, ": %s",
	    strerror(saved));
	errno = saved;
	return -1;
}

const char *
lt_error(void)
{
	return last_error;
}

void
lt_set_warn_hook(lt_warn_hook hook)
{
	warn_hook = hook;
}

void
lt_warn(const char *fmt, ...)
{
	char message[1024];
	va_list ap;

	if (warn_hook == NULL)
		return;
	va_start(ap, fmt);
	format_message(message, sizeof(message), fmt, ap);
	va_end(ap);
	warn_hook(message);
}
