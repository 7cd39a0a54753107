/*
 * Sources: the byte streams that log records are read from.
 *
 * An operand on the command line names a plain file, a gzip or zstd file,
 * a tar bundle (plain, gzip or zstd), a directory, or "-" for standard
 * input. Each expands to one or more sources:
 *
 *   file or compressed file   one source named by its path
 *   tar bundle                one source per regular member, named
 *                             "bundle.tar.gz:member"
 *   directory                 the Serilog log files directly inside it
 *                             (lt_logname_parse() accepts the name, with
 *                             an optional .gz or .zst suffix) and logtool
 *                             bundles (aura-logs-*.tar, .tar.gz, .tar.zst),
 *                             in byte order of the names; other files are
 *                             skipped, and so are symbolic links and
 *                             non-regular files with those names (with an
 *                             lt_warn())
 *   "-"                       standard input, named "-"
 *
 * Compression is detected from the first bytes (gzip 1f 8b, zstd
 * 28 b5 2f fd or a skippable frame 50-5f 2a 4d 18, a tar header's "ustar"
 * magic at offset 257 of the decompressed bytes), never from the file
 * name. A gzip file with several members, or a zstd file with several
 * frames, is read to the end, and bytes after the last member or frame
 * that do not start another one are ignored with an lt_warn(). A
 * truncated gzip or zstd stream yields the bytes that could be decoded
 * and an lt_warn() naming the source. A bundle whose compressed stream
 * or tar data is cut short ends with the member the cut falls in, which
 * yields its bytes up to the cut and an lt_warn(). A cut between members
 * gives one lt_warn() for the bundle. The holes of a sparse member read
 * as NUL bytes. Invalid data yields the bytes
 * decoded before it, then an error. Reads return decompressed
 * bytes. A tar member whose own bytes are gzip or zstd is decompressed
 * too; a tar inside a tar is returned as its tar bytes.
 *
 * A symbolic link named as an operand is followed. A FIFO or character
 * device is read as a stream, like standard input.
 *
 * Memory use is a fixed set of buffers per open source, whatever its size.
 */
#ifndef LT_SOURCE_H
#define LT_SOURCE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

enum lt_codec {
	LT_CODEC_PLAIN,
	LT_CODEC_GZIP,
	LT_CODEC_ZSTD,
};

struct lt_source_info {
	const char	*name;		/* path, "-", or "bundle:member" */
	const char	*path;		/* file on disk ("-" for stdin) */
	const char	*member;	/* tar member name, or NULL */
	enum lt_codec	 codec;		/* compression of the file or bundle */
	int64_t		 size;		/* compressed bytes on disk, or -1 */
	int64_t		 mtime;		/* seconds since the epoch, or -1 */
	dev_t		 dev;		/* device and inode of the file on */
	ino_t		 ino;		/* disk; 0 for stdin */
};
/*
 * size and mtime are -1 unless the file is a regular file. A tar member
 * carries the size, mtime, dev and ino of its bundle.
 */

struct lt_source;

const struct lt_source_info *lt_source_info(const struct lt_source *src);

/*
 * Reads up to cap decompressed bytes. Returns the number read, 0 at the
 * end of the source, or -1 with lt_error() set on a read or decoding
 * error that left nothing more to read.
 */
ssize_t	lt_source_read(struct lt_source *src, void *buf, size_t cap);

/*
 * Called once per source, in order. The source is valid only during the
 * call. A non-zero return stops the expansion and is returned by
 * lt_source_foreach().
 */
typedef int (*lt_source_fn)(struct lt_source *src, void *ctx);

/*
 * Expands one operand and calls fn for each of its sources. Returns 0, the
 * callback's non-zero value, or -1 with lt_error() set when the operand
 * cannot be opened or read (missing, a directory that cannot be listed, a
 * damaged bundle); sources already passed to fn stay processed. In a
 * directory, a file that cannot be opened or read is reported with an
 * lt_warn() and the next one is read; -1 then comes after the last.
 */
int	lt_source_foreach(const char *operand, lt_source_fn fn, void *ctx);

/*
 * Opens one file as a single source, whatever its content: a tar bundle is
 * returned as its decompressed tar bytes. Used where the caller wants the
 * file itself rather than its members. "-" opens standard input, which
 * stays open after lt_source_close(). Returns NULL with lt_error() set.
 */
struct lt_source *lt_source_open_file(const char *path);
void	lt_source_close(struct lt_source *src);

/* Returns the codec that the first bytes of a stream indicate. */
enum lt_codec lt_codec_detect(const unsigned char *head, size_t len);

#endif
