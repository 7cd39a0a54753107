/*
 * One rotate run at a time per archive directory: an exclusive flock(2)
 * on ".lock" inside it, held until the process exits (the kernel drops it
 * when the process dies, so a killed run never leaves it held).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "rotate.h"

#define LOCK_NAME	".lock"
#define LOCK_POLL_MS	100

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * Takes the lock, waiting up to wait_s seconds for another run to finish.
 * Messages name the lock by arch_path, the archive directory as given or
 * LOGDIR/archive, so that the path works from the current directory.
 * The descriptor is left open on purpose: closing it would drop the lock.
 * Returns 0, or -1 after an error message.
 */
int
rot_lock(int archfd, const char *arch_path, long long wait_s)
{
	long long waited_ms = 0;
	int fd;

	fd = openat(archfd, LOCK_NAME, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd == -1)
		return error("cannot open lock file '%s/%s': %s", arch_path,
		    LOCK_NAME, strerror(errno));
	while (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			error("cannot lock '%s/%s': %s", arch_path,
			    LOCK_NAME, strerror(errno));
			close(fd);
			return -1;
		}
		if (waited_ms >= wait_s * 1000) {
			error("another rotate run holds '%s/%s'; try again "
			    "later or use --wait", arch_path, LOCK_NAME);
			close(fd);
			return -1;
		}
		sleep_ms(LOCK_POLL_MS);
		waited_ms += LOCK_POLL_MS;
	}
	return 0;
}
