/*
 * Error reporting inside the core library.
 *
 * The core never prints and never exits. A core function that fails
 * records one message and returns -1 (or NULL); the command that called it
 * reads the message with lt_error() and decides what to print. Messages
 * follow the program's one format: lowercase first word, the subject in
 * single quotes, strerror last, no full stop, and no "logtool: " prefix
 * (the command layer adds it).
 *
 * Problems that do not stop the work, such as a truncated gzip stream whose
 * readable part was still used, go through lt_warn(), which hands the
 * message to the hook the command installed (none: the warning is dropped).
 */
#ifndef LT_ERROR_H
#define LT_ERROR_H

#if defined(__GNUC__)
#define LT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define LT_PRINTF(f, a)
#endif

/* Records a message; returns -1 so that `return lt_error_set(...)` works. */
int lt_error_set(const char *fmt, ...) LT_PRINTF(1, 2);

/* Like lt_error_set() with ": strerror(errno)" appended; errno is kept. */
int lt_error_errno(const char *fmt, ...) LT_PRINTF(1, 2);

/* Returns the last recorded message ("" when there is none). */
const char *lt_error(void);

typedef void (*lt_warn_hook)(const char *message);

/* Installs the function that receives warnings; NULL drops them. */
void lt_set_warn_hook(lt_warn_hook hook);

void lt_warn(const char *fmt, ...) LT_PRINTF(1, 2);

#endif
