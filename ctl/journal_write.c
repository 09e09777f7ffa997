// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * journal_write.c - after a committed write, record its delta in DB.journal
 * so that xovnd can apply the change without reading the whole db again.
 *
 * The journal is only a shortcut: when it cannot be written, xovnd reads
 * the db as it always could, so a failure here is reported as a warning and
 * does not fail the command (the db was already committed).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "model/journal.h"
#include "model/delta.h"

void ctl_journal_base(const char *db, struct ctl_journal *j, const json_t *model)
{
	memset(j, 0, sizeof(*j));
	/* A db that does not exist yet has the all-zero identity. */
	xovn_file_id_of(db, &j->base);
	j->before = json_deep_copy(model);
}

/*
 * The delta is computed before the commit, so that recording it costs one
 * small write between the new db's fsync and its rename.
 */
void ctl_journal_prepare(struct ctl_journal *j, const json_t *after)
{
	if (j->before)
		j->delta = xovn_model_delta(j->before, after);
}

void ctl_journal_record(const struct stat *written, void *arg)
{
	struct ctl_journal *j = arg;
	struct xovn_file_id result;

	errno = 0;
	xovn_file_id_from_stat(written, &result);
	/* The commit bumped the generation after the delta was taken. */
	if (j->delta &&
	    json_object_set(j->delta, "generation", json_object_get(j->committed, "generation")) == 0 &&
	    xovn_journal_append(j->db, &j->base, &result, j->delta) == 0)
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
