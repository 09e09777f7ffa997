// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_journal_append.c - a big db's writes appended to DB.journal: the
 * db file stays as it is, every reader sees the file and the records as
 * one state, a torn last record is never read and is cut by the next
 * writer, a rewrite keeps the old file's records until it commits, and
 * the journal's share of the db bounds the appends.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl_harness.h"
#include "model/journal.h"
#include "model/model.h"

/* Every write of these tests may append: no db is too small. */
static void appending_fixture(void)
{
	ctl_fixture_init();
	setenv("XOVN_JOURNAL_APPEND_MIN_DB", "0", 1);
}

TestSuite(journal_append, .init = appending_fixture, .fini = ctl_fixture_fini);

static void file_id(struct xovn_file_id *id)
{
	cr_assert_eq(xovn_file_id_of(ctl_db, id), 0);
}

static void journal_path(char *buf, size_t len)
{
	cr_assert_eq(xovn_journal_path(ctl_db, buf, len), 0);
}

/* The db as a reader loads it, and the state it reads. */
static json_t *load_state(struct xovn_file_id *state)
{
	struct xovn_errors errs;
	json_t *m;

	xovn_errors_init(&errs);
	m = xovn_model_load_state(ctl_db, 0, &errs, state);
	cr_assert_not_null(m, "db does not load: %s", errs.n ? errs.v[0].msg : "?");
	xovn_errors_free(&errs);
	return m;
}

static int has_port(const json_t *m, const char *name)
{
	return xovn_find_port(m, name, NULL) != NULL;
}

/* sw0 created by a rewrite (there is no file to append on), then p1 appended. */
static void one_append(struct xovn_file_id *file)
{
	CTL_OK("ls-add", "sw0");
	file_id(file);
	CTL_OK("lsp-add", "sw0", "p1");
}

static void append_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_APPEND);

	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

Test(journal_append, a_write_appends_and_every_reader_sees_it)
{
	struct xovn_file_id file, after, state;
	json_t *m;

	one_append(&file);
	file_id(&after);
	cr_assert(xovn_file_id_equal(&file, &after), "the db file was rewritten");
	m = load_state(&state);
	cr_assert(has_port(m, "p1"), "the appended port is not read");
	cr_assert(xovn_file_id_same_file(&state, &file));
	cr_assert_eq(state.seq, 1);
	cr_assert_eq(ctl_json_int(m, "generation"), 2);
	json_decref(m);
	CTL_OUT("p1\n", "lsp-list", "sw0");
}

Test(journal_append, a_torn_record_is_not_read_and_the_next_write_cuts_it)
{
	struct xovn_journal_record *recs;
	struct xovn_file_id file, state;
	char path[4096], *text;
	size_t n, len;
	json_t *m;

	one_append(&file);
	journal_path(path, sizeof(path));
	append_text(path, "{\"base\":{\"ino\":1,\"size\"");
	m = load_state(&state);
	cr_assert_eq(state.seq, 1, "a torn record was read");
	json_decref(m);
	CTL_OK("lsp-add", "sw0", "p2");
	text = ctl_slurp(path, &len);
	cr_assert_not_null(text);
	cr_assert_null(strstr(text, "{\"base\":{\"ino\":1,\"size\"{"), "the torn record is still there");
	cr_assert_eq(text[len - 1], '\n');
	free(text);
	cr_assert_eq(xovn_journal_read(ctl_db, &recs, &n), 0);
	for (size_t i = 0; i < n; i++)
		cr_assert_neq(recs[i].base.ino, 1);
	xovn_journal_records_free(recs, n);
	m = load_state(&state);
	cr_assert(has_port(m, "p1") && has_port(m, "p2"));
	cr_assert_eq(state.seq, 2);
	json_decref(m);
}

/* A crash between a rewrite's journal record and its rename: the old db and all its records. */
Test(journal_append, a_rewrite_record_keeps_the_old_files_records)
{
	struct xovn_file_id file, state, next = { .ino = 42, .size = 1, .mtime_ns = 1 };
	json_t *m, *delta = json_object();

	one_append(&file);
	CTL_OK("lsp-add", "sw0", "p2");
	m = load_state(&state);
	json_decref(m);
	cr_assert_eq(xovn_journal_append(ctl_db, &state, &next, delta), 0);
	json_decref(delta);
	m = load_state(&state);
	cr_assert(has_port(m, "p1") && has_port(m, "p2"), "appended records were dropped");
	cr_assert_eq(state.seq, 2);
	json_decref(m);
}

/* A rewrite's record after a torn line is a line of its own, and the torn text is gone. */
Test(journal_append, a_rewrite_record_cuts_a_torn_line)
{
	struct xovn_file_id file, state, next = { .ino = 42, .size = 1, .mtime_ns = 1 };
	struct xovn_journal_record *recs;
	json_t *m, *delta = json_object();
	char path[4096];
	size_t n;

	one_append(&file);
	journal_path(path, sizeof(path));
	append_text(path, "{\"base\":{\"ino\":1,\"size\"");
	m = load_state(&state);
	json_decref(m);
	cr_assert_eq(xovn_journal_append(ctl_db, &state, &next, delta), 0);
	json_decref(delta);
	cr_assert_eq(xovn_journal_read(ctl_db, &recs, &n), 0);
	cr_assert(n >= 2, "%zu records", n);
	cr_assert(xovn_file_id_equal(&recs[n - 1].result, &next), "the rewrite's record was lost");
	for (size_t i = 0; i < n; i++)
		cr_assert_neq(recs[i].base.ino, 1);
	xovn_journal_records_free(recs, n);
}

/* Rewrites and appends alternate: each append starts on the file the last rewrite made. */
Test(journal_append, appends_follow_the_file_a_rewrite_made)
{
	struct xovn_file_id file, rewritten, state;
	json_t *m;

	one_append(&file);
	setenv("XOVN_JOURNAL_APPEND_MIN_DB", "1000000000", 1);
	CTL_OK("lsp-add", "sw0", "p2");
	file_id(&rewritten);
	cr_assert_not(xovn_file_id_same_file(&file, &rewritten), "a small db must be rewritten");
	setenv("XOVN_JOURNAL_APPEND_MIN_DB", "0", 1);
	CTL_OK("lsp-add", "sw0", "p3");
	m = load_state(&state);
	cr_assert(has_port(m, "p1") && has_port(m, "p2") && has_port(m, "p3"));
	cr_assert(xovn_file_id_same_file(&state, &rewritten));
	cr_assert_eq(state.seq, 1);
	cr_assert_eq(ctl_json_int(m, "generation"), 4);
	json_decref(m);
}

Test(journal_append, a_record_that_does_not_apply_is_an_error)
{
	struct xovn_file_id file, result;
	struct xovn_errors errs;
	json_t *bad = json_pack("{s:i}", "switches", 5);

	CTL_OK("ls-add", "sw0");
	file_id(&file);
	result = file;
	result.seq = 1;
	cr_assert_eq(xovn_journal_append(ctl_db, &file, &result, bad), 0);
	json_decref(bad);
	xovn_errors_init(&errs);
	cr_assert_null(xovn_model_load(ctl_db, 0, &errs));
	cr_assert_eq(errs.n, 1);
	cr_assert(strstr(errs.v[0].msg, ".journal"), "%s", errs.v[0].msg);
	xovn_errors_free(&errs);
	CTL_FAIL("cannot load the model", "lsp-add", "sw0", "p9");
}

Test(journal_append, the_journal_share_of_the_db_bounds_appends)
{
	struct xovn_file_id small = { .ino = 1, .size = 1000 }, big = { .ino = 1, .size = 4 << 20 };
	char path[4096];
	int fd;

	unsetenv("XOVN_JOURNAL_APPEND_MIN_DB");
	CTL_OK("ls-add", "sw0");
	journal_path(path, sizeof(path));
	cr_assert_not(xovn_journal_append_fits(ctl_db, &small, 10), "a small db is rewritten");
	cr_assert(xovn_journal_append_fits(ctl_db, &big, 10));
	cr_assert_not(xovn_journal_compaction_due(ctl_db, &big));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	cr_assert(fd >= 0);
	/* At its share: still appended, and the db is to be compacted after the write. */
	cr_assert_eq(ftruncate(fd, XOVN_JOURNAL_APPEND_FLOOR), 0);
	cr_assert(xovn_journal_append_fits(ctl_db, &big, 10));
	cr_assert(xovn_journal_compaction_due(ctl_db, &big));
	cr_assert_not(xovn_journal_compaction_due(ctl_db, &small), "a small db has no journal share");
	/* Past the limit the write itself rewrites the db. */
	cr_assert_eq(ftruncate(fd, XOVN_JOURNAL_APPEND_FLOOR * XOVN_JOURNAL_APPEND_LIMIT), 0);
	close(fd);
	cr_assert_not(xovn_journal_append_fits(ctl_db, &big, 10), "the journal outgrew its limit");
}
