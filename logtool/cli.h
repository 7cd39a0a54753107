/*
 * The command layer's output conventions, shared by every subcommand.
 *
 * One error format: "logtool: " + the problem, subject in single quotes,
 * strerror last, lowercase first word, no full stop. Exit status: 0
 * success, 1 failure (or "nothing matched" where a command documents that),
 * 2 usage error or invalid input. Nothing outside this layer writes to
 * stderr; core functions return their message through lt_error().
 */
#ifndef LT_CLI_H
#define LT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
};

/* Prints "logtool: <message>"; returns -1. */
int	error(const char *fmt, ...) LT_PRINTF(1, 2);

/* Prints "logtool: <message>" from lt_error(); returns -1. */
int	error_core(void);

/* Prints "logtool: warning: <message>". */
void	warning(const char *fmt, ...) LT_PRINTF(1, 2);

/* Returns how many warnings this process has printed, core warnings
 * (lt_warn) included. */
unsigned long warning_count(void);

/*
 * Prints "logtool: <message>" and "Try 'logtool CMD --help'." on stderr;
 * returns EXIT_USAGE, so that `return usage_error(...)` ends a command.
 */
int	usage_error(const char *cmd, const char *fmt, ...) LT_PRINTF(2, 3);

/*
 * Prints only "Try 'logtool CMD --help'." and returns EXIT_USAGE: for the
 * default case after getopt_long(), which has already printed
 * "logtool CMD: unrecognized option '--x'" (main() sets argv[0] to
 * "logtool CMD" for that).
 */
int	usage_hint(const char *cmd);

/* Prints a broken invariant with its location and aborts. */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void bug_at(const char *file, int line, const char *fmt, ...)
	LT_PRINTF(3, 4);

/*
 * Flushes stdout and returns status, or failure after printing an error
 * (once per process) when a write to stdout failed for a reason other
 * than a closed pipe. A closed pipe keeps status, as the reader chose to
 * stop reading.
 */
int	finish_output(int status, int failure);

/* Installs the SIGPIPE handler that lets finish_output() and
 * stdout_failed() tell a closed pipe from a failed write. */
void	watch_broken_pipe(void);

/* Parses a non-negative integer option value; returns 0 or prints a usage
 * error and returns -1. */
int	parse_count(const char *cmd, const char *option, const char *value,
	    long long max, long long *out);

/* Parses a size such as 100M, 2G, 512k, or a plain byte count. Returns 0,
 * or -1 after a usage error. */
int	parse_size(const char *cmd, const char *option, const char *value,
	    long long *out);

/* True once a write to stdout has failed (a closed pipe, a full disk);
 * output loops test it to stop early. */
bool	stdout_failed(void);

/* True when stdout (fd 1) or stderr (fd 2) is a terminal. */
bool	is_terminal(int fd);

#endif
