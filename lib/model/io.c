// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_io.c - reading and atomically writing the model file.
 *
 * Writes go to a temporary file in the same directory, are fsync'ed and
 * renamed over the old file, then the directory is fsync'ed: a reader (or a
 * crash, or kill -9) sees the old document or the new one, never half.
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

#include "model/model.h"
#include "model/journal.h"
#include "model/io_dump.h"
#include "model/io_parse.h"
#include "util/fdio.h"

#define XOVN_DEFAULT_DB "/var/lib/xovn/nb.json"

const char *xovn_default_db(void)
{
	const char *env = getenv("XOVN_DB");

	return env && *env ? env : XOVN_DEFAULT_DB;
}

json_t *xovn_model_new(void)
{
	return json_pack("{s:i, s:i, s:[], s:[], s:[], s:[]}",
			 "version", 1, "generation", 0, "logical_switches",
			 "ha_chassis_groups", "chassis", "bindings");
}

/*
 * The whole file in one malloc'ed buffer (NULL on any error: the caller
 * then lets jansson open the file, so the error reads as it always has).
 */
static char *read_whole_file(const char *path, size_t *len, struct stat *st_out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t cap, n = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		goto fail;
	/* One byte more than the size: reading 0 there proves the end was reached. */
	cap = (size_t)st.st_size + 1;
	buf = malloc(cap);
	if (!buf)
		goto fail;
	for (;;) {
		ssize_t r = read(fd, buf + n, cap - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == cap)
			goto fail;   /* the file grew while read: let jansson read it */
	}
	close(fd);
	*len = n;
	*st_out = st;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

static void report_json_error(const char *path, const json_error_t *jerr,
			      struct xovn_errors *errs)
{
	if (jerr->line < 0 || jerr->position == 0)
		xovn_errors_add(errs, "$", "io", "%s: %s", path, jerr->text);
	else
		xovn_errors_add(errs, "$", "json-syntax", "%s:%d:%d: %s", path,
				jerr->line, jerr->column, jerr->text);
}

/*
 * One read, then the fast parser (model_io_parse.c); a document it does
 * not take is parsed from the same buffer by jansson, which also words the
 * errors.
 */
static json_t *parse_file(const char *path, json_error_t *jerr, struct stat *st)
{
	size_t len;
	char *buf = read_whole_file(path, &len, st);
	json_t *doc;

	if (!buf) {
		if (stat(path, st) < 0)
			memset(st, 0, sizeof(*st));
		return json_load_file(path, JSON_REJECT_DUPLICATES, jerr);
	}
	doc = model_parse_simple(buf, len);
	if (!doc)
		doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, jerr);
	free(buf);
	return doc;
}

json_t *xovn_model_load(const char *path, int missing_ok, struct xovn_errors *errs)
{
	return xovn_model_load_state(path, missing_ok, errs, NULL);
}

/* The records appended on the file (journal.h): they are part of the db. */
static int apply_appended(const char *path, const struct stat *st, json_t *doc,
			  struct xovn_file_id *state, struct xovn_errors *errs)
{
	struct xovn_file_id file;

	xovn_file_id_from_stat(st, &file);
	if (xovn_journal_head(path, &file, doc, state) == 0)
		return 0;
	xovn_errors_add(errs, "$", "io", "%s.journal: a record appended on %s does not apply to it",
			path, path);
	return -1;
}

json_t *xovn_model_load_state(const char *path, int missing_ok, struct xovn_errors *errs,
			      struct xovn_file_id *state)
{
	struct xovn_file_id ignored;
	json_error_t jerr;
	struct stat st;
	json_t *doc;

	if (!state)
		state = &ignored;
	memset(state, 0, sizeof(*state));
	if (missing_ok && access(path, F_OK) != 0 && errno == ENOENT)
		return xovn_model_new();
	doc = parse_file(path, &jerr, &st);
	if (!doc) {
		report_json_error(path, &jerr, errs);
		return NULL;
	}
	if (!json_is_object(doc)) {
		xovn_errors_add(errs, "$", "type", "the model must be a JSON object");
		json_decref(doc);
		return NULL;
	}
	if (apply_appended(path, &st, doc, state, errs) < 0) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* mkdir -p for the directory that will hold the db. */
static int make_parent_dirs(const char *dir)
{
	char buf[PATH_MAX];
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof(buf))
		return len == 0 ? 0 : -1;
	memcpy(buf, dir, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}

/* The file's text: the direct writer when it can, else jansson (same bytes). */
static char *serialise(const json_t *model, size_t *len)
{
	char *text = model_dump_simple(model, len);

	if (text)
		return text;
	text = json_dumps(model, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (text)
		*len = strlen(text);
	return text;
}

int xovn_model_save(const char *path, const json_t *model, struct xovn_errors *errs)
{
	return xovn_model_save_with(path, model, errs, NULL, NULL);
}

int xovn_model_save_with(const char *path, const json_t *model, struct xovn_errors *errs,
			 void (*before_rename)(const struct stat *st, void *arg), void *arg)
{
	struct stat st;
	char dirbuf[PATH_MAX], tmp[PATH_MAX];
	char *text, *dir;
	int fd, rc = -1;
	size_t len;

	if (snprintf(dirbuf, sizeof(dirbuf), "%s", path) >= (int)sizeof(dirbuf) ||
	    snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path) >= (int)sizeof(tmp)) {
		xovn_errors_add(errs, "$", "io", "%s: path too long", path);
		return -1;
	}
	dir = dirname(dirbuf);
	if (make_parent_dirs(dir)) {
		xovn_errors_add(errs, "$", "io", "%s: %s", dir, strerror(errno));
		return -1;
	}
	text = serialise(model, &len);
	if (!text) {
		xovn_errors_add(errs, "$", "io", "cannot serialise the model");
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		xovn_errors_add(errs, "$", "io", "%s: %s", tmp, strerror(errno));
		free(text);
		return -1;
	}
	if (fd_write_all(fd, text, len) || fd_write_all(fd, "\n", 1) ||
	    fchmod(fd, 0644) || fsync(fd)) {
		xovn_errors_add(errs, "$", "io", "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (before_rename && fstat(fd, &st) == 0)
		before_rename(&st, arg);
	close(fd);
	if (rename(tmp, path)) {
		xovn_errors_add(errs, "$", "io", "rename %s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	fsync_dir(dir);
	rc = 0;
out:
	free(text);
	return rc;
}
