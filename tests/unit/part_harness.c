// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * part_harness.c - helpers of the partial-write and compaction tests
 * (part_harness.h).
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl_harness.h"
#include "model/journal.h"
#include "model/model.h"
#include "part_harness.h"

struct xovn_db_span part_switch_span(const char *sw)
{
	struct xovn_file_id file;
	struct xovn_db_index ix;
	struct xovn_db_span span;

	cr_assert_eq(xovn_file_id_of(ctl_db, &file), 0);
	cr_assert_eq(xovn_db_index_open(ctl_db, &file, &ix), 0, "no current index");
	cr_assert_eq(xovn_db_index_switch(&ix, sw, &span), 0, "switch %s not indexed", sw);
	xovn_db_index_close(&ix);
	return span;
}

void part_overwrite_span(struct xovn_db_span span, const char *bytes, char *saved)
{
	struct stat st;
	struct timespec times[2];
	int fd = open(ctl_db, O_RDWR);

	cr_assert(fd >= 0);
	cr_assert_eq(fstat(fd, &st), 0);
	if (saved)
		cr_assert_eq(pread(fd, saved, span.len, (off_t)span.off), (ssize_t)span.len);
	cr_assert_eq(pwrite(fd, bytes, span.len, (off_t)span.off), (ssize_t)span.len);
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	cr_assert_eq(futimens(fd, times), 0);
	close(fd);
}

json_t *part_load(const char *db)
{
	struct xovn_errors errs;
	json_t *m;

	xovn_errors_init(&errs);
	m = xovn_model_load(db, 0, &errs);
	cr_assert_not_null(m, "%s does not load: %s", db, errs.n ? errs.v[0].msg : "?");
	xovn_errors_free(&errs);
	return m;
}

void part_twin(const char *name, char *twin, size_t len)
{
	struct xovn_errors errs;
	json_t *m = part_load(ctl_db);

	snprintf(twin, len, "%s/%s", ctl_dir, name);
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_save(twin, m, &errs), 0);
	xovn_errors_free(&errs);
	json_decref(m);
}

json_t *part_without_uuids(json_t *v)
{
	const char *key;
	json_t *el;
	size_t i;

	if (json_is_object(v)) {
		json_object_del(v, "_uuid");
		json_object_foreach(v, key, el)
			part_without_uuids(el);
	}
	json_array_foreach(v, i, el)
		part_without_uuids(el);
	return v;
}

/* Runs argv on ctl_db with the switch "far" made unreadable for the run. */
static void run_without_far(struct ctl_result *r, const char *const *argv)
{
	struct xovn_db_span far;
	char *saved, *junk;

	/* A compaction the last write started may be rewriting the file. */
	part_wait_compaction(ctl_db);
	far = part_switch_span("far");
	saved = malloc(far.len);
	junk = malloc(far.len);
	cr_assert(saved && junk);
	memset(junk, '#', far.len);
	part_overwrite_span(far, junk, saved);
	ctl_runv(r, ctl_db, argv);
	/* Not into a file a compaction renamed in meanwhile (it fails on the junk instead). */
	part_wait_compaction(ctl_db);
	part_overwrite_span(far, saved, NULL);
	free(saved);
	free(junk);
}

/* UUIDs in text replaced by one of zeros: new rows get random ones. */
static void without_uuids(char *text)
{
	for (char *p = text; strlen(p) >= 36; p++)
		if (strspn(p, "0123456789abcdef-") >= 36 && p[8] == '-' && p[13] == '-' &&
		    p[18] == '-' && p[23] == '-')
			for (int i = 0; i < 36; i++)
				if (p[i] != '-')
					p[i] = '0';
}

void part_expect_same_as_full(const char *const *argv, int partial)
{
	struct ctl_result fast, full;
	char twin[4096];
	json_t *a, *b;

	part_twin("twin.json", twin, sizeof(twin));
	if (partial)
		run_without_far(&fast, argv);
	else
		ctl_runv(&fast, ctl_db, argv);
	setenv("XOVN_CTL_FULL_WRITES", "1", 1);
	ctl_runv(&full, twin, argv);
	unsetenv("XOVN_CTL_FULL_WRITES");
	cr_assert_eq(fast.status, full.status, "%s %s: status %d, full path %d (%s)", argv[0],
		     argv[1], fast.status, full.status, fast.err);
	cr_assert_str_eq(fast.err, full.err, "%s %s: stderr \"%s\", full path \"%s\"", argv[0],
			 argv[1], fast.err, full.err);
	without_uuids(fast.out);
	without_uuids(full.out);
	cr_assert_str_eq(fast.out, full.out, "%s %s", argv[0], argv[1]);
	a = part_without_uuids(part_load(ctl_db));
	b = part_without_uuids(part_load(twin));
	cr_assert(json_equal(a, b), "%s %s: the models differ", argv[0], argv[1]);
	json_decref(a);
	json_decref(b);
	ctl_result_free(&fast);
	ctl_result_free(&full);
}

void part_fill_journal(const char *db)
{
	char path[4096];
	char *line = malloc(XOVN_JOURNAL_APPEND_FLOOR);
	FILE *f;

	cr_assert_not_null(line);
	memset(line, ' ', XOVN_JOURNAL_APPEND_FLOOR - 1);
	line[XOVN_JOURNAL_APPEND_FLOOR - 1] = '\n';
	cr_assert_eq(xovn_journal_path(db, path, sizeof(path)), 0);
	f = fopen(path, "a");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(line, 1, XOVN_JOURNAL_APPEND_FLOOR, f), (size_t)XOVN_JOURNAL_APPEND_FLOOR);
	cr_assert_eq(fclose(f), 0);
	free(line);
}

void part_wait_compaction(const char *db)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s.lock", db);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	cr_assert_eq(flock(fd, LOCK_EX), 0);
	close(fd);
}
