// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * db_index.c - writing DB.index and looking ports and members up in it
 * (db_index.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/db_index.h"
#include "util/fdio.h"

static int index_path(const char *db, char *buf, size_t len)
{
	return (size_t)snprintf(buf, len, "%s.index", db) < len ? 0 : -1;
}

/* The whole of fd (of size bytes), malloc'ed and NUL-terminated. */
static char *read_fd(int fd, size_t size)
{
	char *buf = malloc(size + 1);
	size_t n = 0;

	while (buf && n < size) {
		ssize_t got = read(fd, buf + n, size - n);

		if (got <= 0) {
			free(buf);
			return NULL;
		}
		n += (size_t)got;
	}
	if (buf)
		buf[n] = '\0';
	return buf;
}

int xovn_db_index_write(const char *db)
{
	char path[4096], *db_text, *text;
	struct xovn_file_id file;
	struct stat st;
	size_t len;
	int fd, rc;

	if (index_path(db, path, sizeof(path)) < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = open(db, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -1;
	}
	xovn_file_id_from_stat(&st, &file);
	db_text = read_fd(fd, (size_t)st.st_size);
	close(fd);
	text = db_text ? xovn_db_index_text(db_text, (size_t)st.st_size, &file, &len) : NULL;
	free(db_text);
	if (!text) {
		unlink(path); /* a stale index must not outlive the file it described */
		errno = EINVAL;
		return -1;
	}
	/* Not synced: after a crash a lost or stale index only means a full read. */
	rc = fd_replace_file(path, text, len, "", 0, 0);
	free(text);
	return rc;
}

int xovn_db_index_open(const char *db, const struct xovn_file_id *file, struct xovn_db_index *ix)
{
	char path[4096], head[128];
	struct stat st;
	int fd, n;

	memset(ix, 0, sizeof(*ix));
	if (index_path(db, path, sizeof(path)) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0)
		ix->text = read_fd(fd, (size_t)st.st_size);
	close(fd);
	if (!ix->text)
		return -1;
	ix->len = (size_t)st.st_size;
	n = snprintf(head, sizeof(head), "xovn-db-index 4 %" PRIu64 " %" PRIu64 " %" PRId64 "\n",
		     file->ino, file->size, file->mtime_ns);
	if (n <= 0 || (size_t)n > ix->len || memcmp(ix->text, head, (size_t)n) != 0) {
		xovn_db_index_close(ix);
		return -1;
	}
	return 0;
}

void xovn_db_index_close(struct xovn_db_index *ix)
{
	free(ix->text);
	ix->text = NULL;
	ix->len = 0;
}

/* The line after "\nTAG" + key + " " (a pointer to its rest), NULL when absent. */
static const char *find_line(const struct xovn_db_index *ix, const char *tag, const char *key)
{
	char needle[160];
	int n = snprintf(needle, sizeof(needle), "\n%s%s ", tag, key);
	const char *hit;

	if (n <= 0 || (size_t)n >= sizeof(needle))
		return NULL;
	hit = memmem(ix->text, ix->len, needle, (size_t)n);
	return hit ? hit + n : NULL;
}

/* The ordinal-th "s" line: its span and name (malloc'ed). */
static int nth_switch(const struct xovn_db_index *ix, uint64_t ordinal, char **name,
		      struct xovn_db_span *span)
{
	const char *line = find_line(ix, "", "s");
	uint64_t k = 0;
	int used;

	for (; line && k < ordinal; k++) {
		const char *next = strstr(line, "\ns ");

		line = next ? next + 3 : NULL;
	}
	if (!line || sscanf(line, "%" SCNu64 " %" SCNu64 " %ms%n", &span->off, &span->len, name,
			    &used) != 3)
		return -1;
	return 0;
}

int xovn_db_index_port(const struct xovn_db_index *ix, const char *port, char **sw_name,
		       struct xovn_db_span *span)
{
	const char *rest = find_line(ix, "p ", port);
	uint64_t ordinal;

	*sw_name = NULL;
	if (!rest || sscanf(rest, "%" SCNu64, &ordinal) != 1)
		return -1;
	return nth_switch(ix, ordinal, sw_name, span);
}

int xovn_db_index_switch(const struct xovn_db_index *ix, const char *name,
			 struct xovn_db_span *span)
{
	size_t name_len = strlen(name);

	for (const char *line = find_line(ix, "", "s"); line;) {
		const char *end = strchr(line, '\n');
		char *at;

		/* Not sscanf: it measures the whole rest of the text, on every line. */
		span->off = strtoull(line, &at, 10);
		if (at == line || *at != ' ')
			return -1;
		line = at + 1;
		span->len = strtoull(line, &at, 10);
		if (at == line || *at != ' ')
			return -1;
		if (end && (size_t)(end - (at + 1)) == name_len && memcmp(at + 1, name, name_len) == 0)
			return 0;
		line = end && strncmp(end, "\ns ", 3) == 0 ? end + 3 : NULL;
	}
	return -1;
}

int xovn_db_index_children(const struct xovn_db_index *ix, const char *parent,
			   xovn_db_switch_fn fn, void *arg)
{
	return xovn_db_index_namers(ix, 'c', parent, fn, arg);
}

int xovn_db_index_namers(const struct xovn_db_index *ix, char what, const char *name,
			 xovn_db_switch_fn fn, void *arg)
{
	char needle[160];
	int n = snprintf(needle, sizeof(needle), "\n%c %s ", what, name);
	const char *at = ix->text, *end = ix->text + ix->len, *hit;

	if (n <= 0 || (size_t)n >= sizeof(needle))
		return -1;
	while ((hit = memmem(at, (size_t)(end - at), needle, (size_t)n))) {
		struct xovn_db_span span;
		uint64_t ordinal;
		char *name;
		int rc;

		at = hit + n;
		if (sscanf(at, "%" SCNu64, &ordinal) != 1 || nth_switch(ix, ordinal, &name, &span))
			return -1;
		rc = fn(name, span, arg);
		free(name);
		if (rc)
			return rc;
	}
	return 0;
}

int xovn_db_index_names_port(const struct xovn_db_index *ix, const char *port)
{
	return find_line(ix, "a ", port) != NULL;
}

int xovn_db_index_member_names_port(const struct xovn_db_index *ix, const char *member,
				    const char *port)
{
	char needle[256];
	int n = snprintf(needle, sizeof(needle), "\na %s %s\n", port, member);

	return n > 0 && (size_t)n < sizeof(needle) && memmem(ix->text, ix->len, needle, (size_t)n);
}

int xovn_db_index_chassis(const struct xovn_db_index *ix, const char *name)
{
	char needle[160];
	int n = snprintf(needle, sizeof(needle), "\nh %s\n", name);

	return n > 0 && (size_t)n < sizeof(needle) && memmem(ix->text, ix->len, needle, (size_t)n);
}

/* "NAME KEY" up to the end of line (not sscanf: it measures the whole rest of the text). */
static int key_line(const char *line, char **name, int64_t *key)
{
	const char *end = strchr(line, '\n'), *space;
	char *stop;

	if (!end)
		end = line + strlen(line);
	space = memchr(line, ' ', (size_t)(end - line));
	if (!space || space == line)
		return -1;
	*key = -1;
	if (!(end - space == 2 && space[1] == '-')) {
		errno = 0;
		*key = strtoll(space + 1, &stop, 10);
		if (errno || stop != end || *key < 0)
			return -1;
	}
	*name = strndup(line, (size_t)(space - line));
	return *name ? 0 : -1;
}

int xovn_db_index_switch_keys(const struct xovn_db_index *ix, xovn_db_key_fn fn, void *arg)
{
	for (const char *line = find_line(ix, "", "k"); line;) {
		const char *next;
		int64_t key;
		char *name;
		int rc;

		if (key_line(line, &name, &key) < 0)
			return -1;
		rc = fn(name, key, arg);
		free(name);
		if (rc)
			return rc;
		next = strstr(line, "\nk ");
		line = next ? next + 3 : NULL;
	}
	return 0;
}

int xovn_db_index_members(const struct xovn_db_index *ix, xovn_db_member_fn fn, void *arg)
{
	for (const char *line = find_line(ix, "", "m"); line;) {
		struct xovn_db_span span;
		char member[128];
		const char *next;
		int rc;

		if (sscanf(line, "%" SCNu64 " %" SCNu64 " %127s", &span.off, &span.len, member) != 3)
			return -1;
		rc = fn(member, span, arg);
		if (rc)
			return rc;
		next = strstr(line, "\nm ");
		line = next ? next + 3 : NULL;
	}
	return 0;
}
