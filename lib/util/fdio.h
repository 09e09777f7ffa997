/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * fdio.h - the durable-write steps the db's writers share.
 */
#ifndef XOVN_FDIO_H
#define XOVN_FDIO_H

#include <stddef.h>

/* Writes all of buf at fd's offset, retrying short writes and EINTR: 0, or -1 with errno. */
int fd_write_all(int fd, const void *buf, size_t len);

/* fsync of a directory, so that entries created or renamed in it are durable. */
int fsync_dir(const char *dir);

/*
 * Replaces path with a then b (either may be empty), through a temporary
 * file renamed over it, fdatasync'ed first when sync is set: a reader sees
 * the old file or the new one.  0, or -1 with errno.
 */
int fd_replace_file(const char *path, const char *a, size_t alen, const char *b, size_t blen,
		    int sync);

#endif /* XOVN_FDIO_H */
