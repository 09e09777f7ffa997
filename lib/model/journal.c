// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * journal.c - writing and following DB.journal (see journal.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/journal.h"
#include "util/fdio.h"

void xovn_file_id_from_stat(const struct stat *st, struct xovn_file_id *id)
{
	id->ino = st->st_ino;
	id->size = (uint64_t)st->st_size;
	id->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
	id->seq = 0;
}

int xovn_file_id_of(const char *path, struct xovn_file_id *id)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	xovn_file_id_from_stat(&st, id);
	return 0;
}

int xovn_file_id_same_file(const struct xovn_file_id *a, const struct xovn_file_id *b)
{
	return a->ino == b->ino && a->size == b->size && a->mtime_ns == b->mtime_ns;
}

int xovn_file_id_equal(const struct xovn_file_id *a, const struct xovn_file_id *b)
{
	return xovn_file_id_same_file(a, b) && a->seq == b->seq;
}

int xovn_journal_is_append(const struct xovn_journal_record *r)
{
	return xovn_file_id_same_file(&r->base, &r->result) && r->result.seq == r->base.seq + 1;
}

int xovn_journal_path(const char *db, char *buf, size_t len)
{
	return (size_t)snprintf(buf, len, "%s.journal", db) < len ? 0 : -1;
}

static json_t *id_to_json(const struct xovn_file_id *id)
{
	return json_pack("{s:I,s:I,s:I,s:I}", "ino", (json_int_t)id->ino, "size",
			 (json_int_t)id->size, "mtime_ns", (json_int_t)id->mtime_ns, "seq",
			 (json_int_t)id->seq);
}

static int id_from_json(const json_t *j, struct xovn_file_id *id)
{
	json_int_t ino, size, mtime, seq = 0;

	if (json_unpack((json_t *)j, "{s:I,s:I,s:I,s?I}", "ino", &ino, "size", &size, "mtime_ns",
			&mtime, "seq", &seq) < 0 || seq < 0)
		return -1;
	id->ino = (uint64_t)ino;
	id->size = (uint64_t)size;
	id->mtime_ns = mtime;
	id->seq = (uint64_t)seq;
	return 0;
}

/* The whole journal as one NUL-terminated buffer; NULL (errno ENOENT) when absent. */
static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n + 65536 + 1 > cap) {
			char *nb = realloc(buf, cap = (cap ? cap * 2 : 131072));

			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int parse_record(const char *text, size_t len, struct xovn_journal_record *r);

/* Byte offset of the first line to keep so that with the new line it fits max_bytes. */
static size_t first_kept(const char *old, size_t old_len, size_t new_len, size_t max_bytes)
{
	size_t starts[XOVN_JOURNAL_KEEP], n = 0, i;

	/* Remember the last KEEP-1 line starts: with the new one that is KEEP. */
	for (size_t off = 0; off < old_len;) {
		const char *nl = memchr(old + off, '\n', old_len - off);

		if (XOVN_JOURNAL_KEEP > 1) {
			if (n == XOVN_JOURNAL_KEEP - 1) {
				memmove(starts, starts + 1, (n - 1) * sizeof(starts[0]));
				n--;
			}
			starts[n++] = off;
		}
		off = nl ? (size_t)(nl - old) + 1 : old_len;
	}
	for (i = 0; i < n; i++)
		if (old_len - starts[i] + new_len <= max_bytes)
			return starts[i];
	return old_len;
}

char *xovn_journal_line(const struct xovn_file_id *base, const struct xovn_file_id *result,
			const json_t *delta, size_t *len)
{
	json_t *rec = json_pack("{s:o,s:o,s:O}", "base", id_to_json(base), "result",
				id_to_json(result), "delta", delta);
	char *line = rec ? json_dumps(rec, JSON_COMPACT) : NULL, *with_nl;
	size_t n;

	json_decref(rec);
	if (!line)
		return NULL;
	n = strlen(line);
	with_nl = realloc(line, n + 2);
	if (!with_nl) {
		free(line);
		return NULL;
	}
	with_nl[n] = '\n';
	with_nl[n + 1] = '\0';
	*len = n + 1;
	return with_nl;
}

char *xovn_journal_record_text(const char *db, const struct xovn_file_id *base,
			       const struct xovn_file_id *result, const json_t *delta, char *path,
			       size_t path_len, size_t *len)
{
	char *line;

	if (xovn_journal_path(db, path, path_len) < 0) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	line = xovn_journal_line(base, result, delta, len);
	if (!line)
		errno = ENOMEM;
	return line;
}

/* Offset of the first record appended on file's file (old_len: none). */
static size_t first_on_file(const char *old, size_t old_len, const struct xovn_file_id *file)
{
	for (size_t off = 0; off < old_len;) {
		const char *nl = memchr(old + off, '\n', old_len - off);
		size_t end = nl ? (size_t)(nl - old) : old_len;
		struct xovn_journal_record r;

		if (parse_record(old + off, end - off, &r) == 0) {
			json_decref(r.delta);
			if (xovn_journal_is_append(&r) && xovn_file_id_same_file(&r.base, file))
				return off;
		}
		off = end + 1;
	}
	return old_len;
}

int xovn_journal_append(const char *db, const struct xovn_file_id *base,
			const struct xovn_file_id *result, const json_t *delta)
{
	char path[4096], *line, *old;
	size_t old_len = 0, keep = 0, on_file = 0, len;
	int rc;

	line = xovn_journal_record_text(db, base, result, delta, path, sizeof(path), &len);
	if (!line)
		return -1;
	old = read_all(path, &old_len);
	while (old && old_len && old[old_len - 1] != '\n')
		old_len--; /* a torn last line: never committed, and the new line must not join it */
	if (old) {
		/* seq counts the records appended on base's file: none to look for at 0. */
		on_file = base->seq ? first_on_file(old, old_len, base) : old_len;
		keep = first_kept(old, old_len, len, XOVN_JOURNAL_MAX_BYTES);
		if (on_file < keep)
			keep = on_file; /* the old file's records are its data until the rename */
	}
	/* Synced when it holds the only copy of records appended on the current db file. */
	rc = fd_replace_file(path, old ? old + keep : "", old ? old_len - keep : 0, line, len,
			old && on_file < old_len);
	free(old);
	free(line);
	return rc;
}

int xovn_journal_trim(const char *db, size_t max_bytes)
{
	char path[4096], *old;
	size_t old_len = 0, keep;
	int rc;

	if (xovn_journal_path(db, path, sizeof(path)) < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	old = read_all(path, &old_len);
	if (!old)
		return errno == ENOENT ? 0 : -1;
	while (old_len && old[old_len - 1] != '\n')
		old_len--;
	keep = first_kept(old, old_len, 0, max_bytes);
	rc = keep ? fd_replace_file(path, old + keep, old_len - keep, "", 0, 0) : 0;
	free(old);
	return rc;
}

static int parse_record(const char *text, size_t len, struct xovn_journal_record *r)
{
	json_t *j = json_loadb(text, len, 0, NULL);
	json_t *delta = json_object_get(j, "delta");

	if (!j || !json_is_object(delta) || id_from_json(json_object_get(j, "base"), &r->base) < 0 ||
	    id_from_json(json_object_get(j, "result"), &r->result) < 0) {
		json_decref(j);
		return -1;
	}
	r->delta = json_incref(delta);
	json_decref(j);
	return 0;
}

static int chain_add(struct xovn_journal_record **v, size_t *n, const struct xovn_journal_record *r)
{
	struct xovn_journal_record *nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (!nv)
		return -1;
	nv[(*n)++] = *r;
	*v = nv;
	return 0;
}

int xovn_journal_read(const char *db, struct xovn_journal_record **out, size_t *n)
{
	char path[4096], *buf;
	size_t len = 0, off = 0;

	*out = NULL;
	*n = 0;
	if (xovn_journal_path(db, path, sizeof(path)) < 0)
		return 0;
	buf = read_all(path, &len);
	if (!buf)
		return errno == ENOMEM ? -1 : 0;
	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t end = nl ? (size_t)(nl - buf) : len;
		struct xovn_journal_record r;

		if (!nl)
			break; /* torn: its writer never finished, so it never committed */

		if (parse_record(buf + off, end - off, &r) == 0 && chain_add(out, n, &r) < 0) {
			json_decref(r.delta);
			free(buf);
			return -1;
		}
		off = end + 1;
	}
	free(buf);
	return 0;
}

/*
 * Walks back from the newest record that produced `to` to the one that
 * started from `from`: a record left by a writer that never renamed its
 * file (it crashed in between) is simply not on the path.
 */
int xovn_journal_chain(const char *db, const struct xovn_file_id *from,
		       const struct xovn_file_id *to, struct xovn_journal_record **out, size_t *n)
{
	struct xovn_journal_record *all;
	size_t count;

	*out = NULL;
	*n = 0;
	if (xovn_journal_read(db, &all, &count) < 0)
		return -1;
	return xovn_journal_chain_of(all, count, from, to, out, n);
}

int xovn_journal_chain_of(struct xovn_journal_record *all, size_t count,
			  const struct xovn_file_id *from, const struct xovn_file_id *to,
			  struct xovn_journal_record **out, size_t *n)
{
	struct xovn_file_id want = *to;
	size_t i, k = 0;
	char *on_path;

	*out = NULL;
	*n = 0;
	on_path = calloc(count ? count : 1, 1);
	if (!on_path) {
		xovn_journal_records_free(all, count);
		return -1;
	}
	for (i = count; i-- > 0 && !xovn_file_id_equal(&want, from);) {
		if (xovn_file_id_equal(&all[i].result, &want)) {
			on_path[i] = 1;
			want = all[i].base;
		}
	}
	if (!xovn_file_id_equal(&want, from) || xovn_file_id_equal(from, to))
		memset(on_path, 0, count ? count : 1); /* no path: apply nothing */
	for (i = 0; i < count; i++) {
		if (on_path[i])
			all[k++] = all[i];
		else
			json_decref(all[i].delta);
	}
	free(on_path);
	if (!k) {
		free(all);
		all = NULL;
	}
	*out = all;
	*n = k;
	return 0;
}

void xovn_journal_records_free(struct xovn_journal_record *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		json_decref(v[i].delta);
	free(v);
}

/* The switches of sws whose latest version in the model is itself, each once. */
static json_t *current_switches(const json_t *model, const json_t *sws)
{
	json_t *out = json_array(), *sw, *cur;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, cur) {
		json_array_foreach(sws, j, sw) {
			if (sw == cur) {
				json_array_append(out, cur);
				break;
			}
		}
	}
	return out;
}

int xovn_journal_apply(json_t *model, const struct xovn_journal_record *chain, size_t n,
		       struct xovn_delta_effect *total)
{
	json_t *latest;

	memset(total, 0, sizeof(*total));
	total->old_switches = json_array();
	total->new_switches = json_array();
	for (size_t i = 0; i < n; i++) {
		struct xovn_delta_effect eff;

		if (xovn_model_delta_apply(model, chain[i].delta, &eff) < 0)
			return -1;
		json_array_extend(total->old_switches, eff.old_switches);
		json_array_extend(total->new_switches, eff.new_switches);
		total->others_changed |= eff.others_changed;
		xovn_delta_effect_free(&eff);
	}
	/* Compile what a switch is at the end of the chain, once. */
	latest = current_switches(model, total->new_switches);
	json_decref(total->new_switches);
	total->new_switches = latest;
	return 0;
}
