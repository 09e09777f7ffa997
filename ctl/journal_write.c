// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * journal_write.c - a write's delta in DB.journal (model/journal.h).
 *
 * On a big db the appended record is the commit itself (ctl_journal_append).
 * When the db is rewritten whole instead, the record is only a shortcut for
 * xovnd: when it cannot be written, xovnd reads the db as it always could,
 * so that failure is a warning and does not fail the command.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "model/journal.h"
#include "model/delta.h"
#include "model/model.h"

void ctl_journal_base(struct ctl_journal *j, const json_t *model, const struct xovn_file_id *state)
{
	memset(j, 0, sizeof(*j));
	/* A db that does not exist yet has the all-zero identity. */
	j->base = *state;
	j->before = xovn_model_prints(model);
}

/*
 * The delta is computed before the commit, so that recording it costs one
 * small write between the new db's fsync and its rename.
 */
void ctl_journal_prepare(struct ctl_journal *j, const json_t *after)
{
	if (j->before)
		j->delta = xovn_model_delta_since(j->before, after);
}

/* The commit bumped the generation after the delta was taken. */
static int stamp_generation(struct ctl_journal *j)
{
	return j->delta ? json_object_set(j->delta, "generation",
					  json_object_get(j->committed, "generation"))
			: -1;
}

int ctl_journal_append(struct ctl_journal *j, struct xovn_errors *errs)
{
	struct xovn_file_id result;
	int rc;

	if (stamp_generation(j) < 0)
		return 0; /* no delta to append: the db is written whole */
	rc = xovn_journal_try_append(j->db, &j->base, j->delta, &result);
	if (rc < 0)
		xovn_errors_add(errs, "$", "io", "%s.journal: %s", j->db, strerror(errno));
	return rc;
}

void ctl_journal_record(const struct stat *written, void *arg)
{
	struct ctl_journal *j = arg;
	struct xovn_file_id result;

	errno = 0;
	xovn_file_id_from_stat(written, &result);
	if (stamp_generation(j) == 0 && xovn_journal_append(j->db, &j->base, &result, j->delta) == 0)
		return;
	fprintf(stderr, "xovnctl: warning: cannot record the change in %s.journal (%s); "
		"xovnd will read the whole db\n", j->db, errno ? strerror(errno) : "out of memory");
}

void ctl_journal_free(struct ctl_journal *j)
{
	json_decref(j->before);
	json_decref(j->delta);
	j->before = j->delta = NULL;
}
