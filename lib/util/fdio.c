// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * fdio.c - the durable-write steps the db's writers share (fdio.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "util/fdio.h"

int fd_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}
