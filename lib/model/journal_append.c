// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * journal_append.c - the write path of a big db: one record appended to
 * DB.journal and synced, instead of the whole db written and synced again
 * (journal.h).  On a 100,000-port db that is a few hundred bytes against
 * 25 MB.  The writer holds the db's lock (xovnctl's DB.lock), so appends
 * never interleave.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/journal.h"
#include "util/fdio.h"

static uint64_t append_min_db(void)
{
	const char *env = getenv("XOVN_JOURNAL_APPEND_MIN_DB");
	char *end;
	unsigned long long v;

	if (!env || !*env)
		return XOVN_JOURNAL_APPEND_MIN_DB;
	errno = 0;
	v = strtoull(env, &end, 10);
	return errno || *end ? XOVN_JOURNAL_APPEND_MIN_DB : (uint64_t)v;
}

int xovn_journal_db_takes_appends(const struct xovn_file_id *base)
{
	return base->ino && base->size >= append_min_db();
}

/* The journal's size and its share of the db file base; -1 when it has none. */
static int journal_and_share(const char *db, const struct xovn_file_id *base, uint64_t *journal,
			     uint64_t *share)
{
	char path[4096];
	struct stat st;

	if (!xovn_journal_db_takes_appends(base) || xovn_journal_path(db, path, sizeof(path)) < 0)
		return -1;
	*journal = stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
	*share = xovn_journal_share(base);
	return 0;
}

uint64_t xovn_journal_share(const struct xovn_file_id *file)
{
	uint64_t share = file->size / XOVN_JOURNAL_APPEND_SHARE;

	return share < XOVN_JOURNAL_APPEND_FLOOR ? XOVN_JOURNAL_APPEND_FLOOR : share;
}

int xovn_journal_append_fits(const char *db, const struct xovn_file_id *base, size_t record_len)
{
	uint64_t journal, share;

	return journal_and_share(db, base, &journal, &share) == 0 &&
	       journal + record_len <= share * XOVN_JOURNAL_APPEND_LIMIT;
}

int xovn_journal_compaction_due(const char *db, const struct xovn_file_id *file)
{
	uint64_t journal, share;

	return journal_and_share(db, file, &journal, &share) == 0 && journal >= share;
}

/* The file's length up to and including its last newline. */
static int complete_length(int fd, off_t size, off_t *out)
{
	char buf[4096];
	off_t end = size;

	while (end > 0) {
		size_t chunk = end < (off_t)sizeof(buf) ? (size_t)end : sizeof(buf);
		ssize_t n = pread(fd, buf, chunk, end - (off_t)chunk);

		if (n != (ssize_t)chunk)
			return -1;
		for (size_t i = chunk; i-- > 0;) {
			if (buf[i] == '\n') {
				*out = end - (off_t)chunk + (off_t)i + 1;
				return 0;
			}
		}
		end -= (off_t)chunk;
	}
	*out = 0;
	return 0;
}

static int write_at(int fd, const char *buf, size_t len, off_t off)
{
	return lseek(fd, off, SEEK_SET) == off ? fd_write_all(fd, buf, len) : -1;
}

/* A journal created now is only durable once its directory entry is. */
static void sync_parent(const char *path)
{
	char copy[4096];

	if ((size_t)snprintf(copy, sizeof(copy), "%s", path) < sizeof(copy))
		fsync_dir(dirname(copy));
}

static int open_journal(const char *path, int *created)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	*created = 0;
	if (fd < 0 && errno == ENOENT) {
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		*created = fd >= 0;
	}
	return fd;
}

int xovn_journal_try_append(const char *db, const struct xovn_file_id *base, const json_t *delta,
			    struct xovn_file_id *result)
{
	char path[4096], *line;
	struct stat st;
	off_t end = 0;
	size_t len;
	int fd, created, rc = -1, saved;

	*result = *base;
	result->seq++;
	if (!xovn_journal_db_takes_appends(base))
		return 0;
	line = xovn_journal_record_text(db, base, result, delta, path, sizeof(path), &len);
	if (!line)
		return -1;
	if (!xovn_journal_append_fits(db, base, len)) {
		free(line);
		return 0;
	}
	fd = open_journal(path, &created);
	if (fd < 0) {
		free(line);
		return -1;
	}
	if (fstat(fd, &st) == 0 && complete_length(fd, st.st_size, &end) == 0 &&
	    (end == st.st_size || ftruncate(fd, end) == 0) && write_at(fd, line, len, end) == 0 &&
	    fdatasync(fd) == 0)
		rc = 1;
	saved = errno;
	if (rc < 0 && ftruncate(fd, end) == 0)
		fdatasync(fd); /* not committed: leave no part of it for readers */
	close(fd);
	if (rc > 0 && created)
		sync_parent(path);
	free(line);
	errno = saved;
	return rc;
}
