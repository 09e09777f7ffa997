/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * txn.c - a chain of commands as one transaction.
 *
 * Writers hold an exclusive flock on "DB.lock" from load to commit (the
 * rename of a rewritten db, or the append of its journal record), so two
 * concurrent runs are serialised and neither loses the other's update; a
 * write that leaves the journal at its share hands the lock to the
 * compaction that follows it (compact.c).
 * Readers take a shared lock: they read the db file and the records
 * appended on it as one state.
 * Output is buffered and printed only once the whole chain has succeeded.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl.h"
#include "model/db_index.h"
#include "model/incomplete.h"
#include "model/model.h"

/* Creates the db's directory (one level, e.g. /var/lib/xovn) for a first write. */
static void make_parent_dir(const char *db)
{
	char *copy = strdup(db);

	if (copy) {
		mkdir(dirname(copy), 0755);
		free(copy);
	}
}

/*
 * Returns the locked fd, -1 on error.  A reader of a db that was never
 * written gets -2: there is nothing to lock and it must not create files.
 */
static int take_lock(const char *db, int exclusive)
{
	char path[4096];
	int flags = exclusive ? O_RDWR | O_CREAT : O_RDONLY;
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s.lock", db) >= sizeof(path))
		return ctl_fail("db path too long: %s", db);
	fd = open(path, flags | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT && exclusive) {
		make_parent_dir(db);
		fd = open(path, flags | O_CLOEXEC, 0644);
	}
	if (fd < 0 && errno == ENOENT && !exclusive)
		return -2;
	if (fd < 0)
		return ctl_fail("cannot open lock file %s: %s", path, strerror(errno));
	while (flock(fd, exclusive ? LOCK_EX : LOCK_SH) < 0) {
		if (errno != EINTR) {
			ctl_fail("cannot lock %s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
	}
	return fd;
}

static int chain_writes(const struct ctl_cmd *cmds, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (cmds[i].verb->writes)
			return 1;
	return 0;
}

static int report_errors(const char *what, struct xovn_errors *errs)
{
	ctl_fail("%s", what);
	xovn_errors_print(errs, "xovnctl: ", stderr);
	return -1;
}

static int apply_commands(json_t *model, FILE *out, struct ctl_cmd *cmds, int n)
{
	struct ctl_ctx ctx = { .model = model, .out = out };
	int i;

	for (i = 0; i < n; i++) {
		ctx.cmd = &cmds[i];
		if (cmds[i].verb->fn(&ctx, cmds[i].argc, cmds[i].argv))
			return -1;
	}
	return 0;
}

/*
 * Bumps the generation, validates the whole result and commits it: on a
 * big db by appending its record to the journal (fsync'ed), else, or when
 * the journal has grown to its share of the db, by saving the whole model
 * atomically.  Then the journal record is written once the new file is
 * complete and synced but before it is renamed into place: a reader woken
 * by the rename finds the record already there.
 */
static int commit(const char *db, json_t *model, struct ctl_journal *journal)
{
	json_int_t gen = json_integer_value(json_object_get(model, "generation"));
	struct xovn_inactive_list inactive;
	struct xovn_errors errs;
	int rc = 0, appended = 0;

	json_object_set_new(model, "generation", json_integer(gen + 1));
	xovn_errors_init(&errs);
	xovn_inactive_init(&inactive);
	journal->db = db;
	journal->committed = model;
	if (xovn_model_validate_listing(model, &errs, &inactive))
		rc = report_errors("the resulting model is invalid; nothing was changed", &errs);
	else if ((appended = ctl_journal_append(journal, &errs)) < 0)
		rc = report_errors("cannot save the model; nothing was changed", &errs);
	else if (!appended && xovn_model_save_with(db, model, &errs, ctl_journal_record, journal))
		rc = report_errors("cannot save the model; nothing was changed", &errs);
	else /* stored, but not in force until complete: one warning line per item */
		xovn_inactive_print(&inactive, "xovnctl: ", stderr);
	xovn_inactive_free(&inactive);
	xovn_errors_free(&errs);
	return rc;
}

/*
 * The model of the last chain: released by the process exit that follows,
 * not object by object - on a 100,000-port db freeing a document costs
 * about half as much as parsing it.  Kept reachable, so leak checkers do
 * not report it; a second chain in the same process releases the first's.
 */
static json_t *retired;

static void retire(json_t *model)
{
	json_decref(retired);
	retired = model;
}

/* Ends the transaction: readers (xovnd among them) may go on. */
static void unlock(int *lock_fd)
{
	if (*lock_fd >= 0)
		close(*lock_fd);
	*lock_fd = -1;
}

/* Unlocks, keeps the model for --wait and prints the chain's output if it succeeded. */
static int finish(int *lock_fd, json_t *model, FILE *out, char **buf, size_t *len, int rc)
{
	unlock(lock_fd);
	retire(model);
	fclose(out);
	if (rc == 0)
		fwrite(*buf, 1, *len, stdout);
	free(*buf);
	return rc;
}

/*
 * The lock is released as soon as the db and its journal record are
 * written, before the output is printed and the models are let go.
 */
static int run_locked(const char *db, struct ctl_cmd *cmds, int n, int writes, int *lock_fd)
{
	struct ctl_journal journal = { 0 };
	struct xovn_file_id state;
	struct xovn_errors errs;
	char *buf = NULL;
	size_t len = 0;
	json_t *model;
	FILE *out;
	int rc = -1;

	out = open_memstream(&buf, &len);
	if (!out)
		return ctl_fail("out of memory");
	if (writes && (rc = ctl_fast_write(db, cmds, n, out, &model)) != 0) {
		if (rc > 0)
			ctl_compact_if_due(db);
		return finish(lock_fd, model, out, &buf, &len, rc > 0 ? 0 : -1);
	}
	rc = -1;
	xovn_errors_init(&errs);
	model = xovn_model_load_state(db, 1, &errs, &state);
	if (!model) {
		report_errors("cannot load the model", &errs);
		xovn_errors_free(&errs);
		fclose(out);
		free(buf);
		return -1;
	}
	xovn_errors_free(&errs);
	if (writes)
		ctl_journal_base(&journal, model, &state);
	if (apply_commands(model, out, cmds, n) == 0 &&
	    (!writes || ctl_assign_uuids(model) == 0)) {
		if (writes)
			ctl_journal_prepare(&journal, model);
		rc = writes ? commit(db, model, &journal) : 0;
	}
	if (rc == 0 && writes) {
		ctl_keep_index(db);
		ctl_compact_if_due(db);
	}
	ctl_journal_free(&journal);
	return finish(lock_fd, model, out, &buf, &len, rc);
}

int ctl_run_chain(const char *db, struct ctl_cmd *cmds, int n)
{
	int writes = chain_writes(cmds, n);
	int fd = take_lock(db, writes);
	int rc;

	if (fd == -1)
		return 1;
	rc = run_locked(db, cmds, n, writes, &fd);
	unlock(&fd);
	if (rc == 0 && ctl_global.wait)
		rc = ctl_wait_applied(retired, ctl_global.timeout);
	if (fflush(stdout) != 0)
		return 1;
	return rc ? 1 : 0;
}
