// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * compact.c - a big db's upkeep after a write: DB.index kept current, and
 * the db rewritten from its file and journal (compacted) once the journal
 * has reached its share (model/journal.h) - after the write has returned.
 *
 * The write that finds the journal at its share hands its lock over to a
 * detached process and returns: the lock is one open file description,
 * so it stays held until that process has rewritten the db, trimmed the
 * journal and rebuilt the index.  Writers and readers wait on the lock as
 * on any writer; nothing is ever waiting on the compaction otherwise.  The
 * rewrite is the full path's (a new file synced and renamed in, its
 * journal record written before), so a compaction killed at any point
 * leaves either the old file with all its records or the new file.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctl.h"
#include "model/db_index.h"
#include "model/journal.h"
#include "model/model.h"

void ctl_keep_index(const char *db)
{
	struct xovn_file_id file;
	struct xovn_db_index ix;

	if (xovn_file_id_of(db, &file) < 0 || !xovn_journal_db_takes_appends(&file))
		return;
	if (xovn_db_index_open(db, &file, &ix) == 0) {
		xovn_db_index_close(&ix);
		return;
	}
	if (xovn_db_index_write(db) < 0)
		fprintf(stderr, "xovnctl: warning: cannot write %s.index (%s); writes read the "
			"whole db\n", db, strerror(errno));
}

/*
 * A rewrite killed before its rename leaves its new file behind; under the
 * lock no other rewrite is under way, so any such file is left over.
 */
static void remove_left_over_files(const char *db)
{
	char pattern[4096];
	glob_t found;

	if ((size_t)snprintf(pattern, sizeof(pattern), "%s.tmp.*", db) >= sizeof(pattern) ||
	    glob(pattern, GLOB_NOSORT, NULL, &found) != 0)
		return;
	for (size_t i = 0; i < found.gl_pathc; i++)
		unlink(found.gl_pathv[i]);
	globfree(&found);
}

/* The db as readers see it, written whole; the journal keeps half a share. */
static int compact(const char *db)
{
	struct ctl_journal journal;
	struct xovn_file_id state, file;
	struct xovn_errors errs;
	json_t *model;
	int rc = -1;

	if (xovn_file_id_of(db, &file) < 0 || !xovn_journal_compaction_due(db, &file))
		return 0; /* another compaction came first */
	remove_left_over_files(db);
	xovn_errors_init(&errs);
	model = xovn_model_load_state(db, 0, &errs, &state);
	if (model) {
		ctl_journal_base(&journal, model, &state);
		ctl_journal_prepare(&journal, model); /* no change: the rewrite's record is empty */
		journal.db = db;
		journal.committed = model;
		rc = xovn_model_save_with(db, model, &errs, ctl_journal_record, &journal);
		ctl_journal_free(&journal);
	}
	if (rc == 0 && xovn_file_id_of(db, &file) == 0)
		rc = xovn_journal_trim(db, (size_t)xovn_journal_share(&file) / 2);
	if (rc == 0)
		ctl_keep_index(db);
	xovn_errors_free(&errs);
	return rc;
}

static void detach_output(void)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (null < 0)
		return;
	for (int fd = 0; fd <= 2; fd++)
		dup2(null, fd);
	close(null);
}

void ctl_compact_if_due(const char *db)
{
	struct xovn_file_id file;
	pid_t pid;

	if (xovn_file_id_of(db, &file) < 0 || !xovn_journal_compaction_due(db, &file))
		return;
	pid = fork();
	if (pid < 0)
		return; /* the next write finds the journal due again */
	if (pid > 0) {
		waitpid(pid, NULL, 0);
		return;
	}
	/* The middle process exits at once: the compacting one belongs to nobody's session. */
	if (fork() != 0)
		_exit(0);
	setsid();
	detach_output();
	_exit(compact(db) == 0 ? 0 : 1);
}
