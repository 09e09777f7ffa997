// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * chassis_incr.c - applying xovnctl's journal instead of re-reading the db.
 *
 * A write through xovnctl leaves a record in DB.journal: the db state it
 * started from, the state it made (a new file, or the same file with one
 * more record appended) and the switches it changed (lib/model/journal.h).
 * When the model in force came from the record's starting file, applying
 * the recorded delta gives exactly the new file's model, which xovnctl
 * validated before writing it.  Only the changed switches are compiled
 * again and only their entries are diffed and written, so one port's
 * change costs the size of its switch, not of the model.  Any doubt (no
 * record, a gap, a damaged line, an edit of another kind) falls back to
 * reading the whole file, which validates it as before.
 */
#include <string.h>

#include "chassis.h"
#include "log.h"
#include "model/delta.h"

/*
 * The records from the model in force to the db as it is now (the file
 * and the records appended on it), or none.  xovnctl writes a rewrite's
 * record before it renames the new db into place, so the rename that woke
 * us finds its record already there: no lock needed.
 */
static int read_chain(struct chassis *c, struct xovn_file_id *now,
		      struct xovn_journal_record **chain, size_t *n)
{
	struct xovn_file_id file;

	*chain = NULL;
	*n = 0;
	if (xovn_file_id_of(c->opt->db, &file) < 0)
		return -1;
	return xovn_journal_follow(c->opt->db, &c->db_id, &file, now, chain, n);
}

/*
 * Sets the complete part aside anew after a chain changed c->model.  1: it
 * is c->model itself, before and after, so the switch-by-switch path
 * stays exact; 0: the active model is (or was) a copy, compile everything.
 */
static int active_follows(struct chassis *c)
{
	int was_copy = c->active != c->model;

	if (chassis_set_active(c) < 0)
		return 0;
	return !was_copy && c->active == c->model;
}

static void follow_to(struct chassis *c, const struct xovn_file_id *now)
{
	c->db_id = *now;
	chassis_remember_db_stat(c);
}

int chassis_apply_delta(struct chassis *c, const struct xovn_delta_effect *eff)
{
	struct xovn_switch_change chg = { 0 };
	int rc;

	if (chassis_delta_may_deactivate(c, eff) && !active_follows(c)) {
		log_info("generation %lld changes what is incomplete: compiling everything",
			 chassis_generation(c));
	} else if (eff->others_changed || !c->cstate || chassis_typed_follow(c, eff, &chg) < 0 ||
		   !chassis_compile_covers(c, &chg)) {
		/* Beyond switches: compile everything, from memory, no re-read. */
		log_info("generation %lld changes more than switches: compiling everything",
			 chassis_generation(c));
	} else {
		rc = chassis_apply_switches(c, &chg);
		/* The replaced typed switches borrow from eff's old switch objects. */
		xovn_switch_change_free(&chg);
		return rc;
	}
	xovn_switch_change_free(&chg);
	chassis_forget_typed(c);
	return chassis_apply(c);
}

int chassis_follow_journal(struct chassis *c)
{
	struct xovn_journal_record *chain;
	struct xovn_delta_effect eff;
	struct xovn_file_id now;
	size_t n;
	int rc = 0;

	if (!c->model || !c->db_id_known || read_chain(c, &now, &chain, &n) < 0)
		return 0;
	if (xovn_file_id_equal(&now, &c->db_id)) {
		xovn_journal_records_free(chain, n);
		return 1; /* the journal moved, or the lock file: the db did not */
	}
	if (!n) {
		/* Replaced outside xovnctl while writes lived in the journal only: say what a full read loses. */
		if (c->db_id.seq && !xovn_file_id_same_file(&now, &c->db_id))
			log_info("%s was replaced by a file no journal record leads to: the %llu "
				 "write(s) appended to the previous file are in it only if the edit kept them",
				 c->opt->db, (unsigned long long)c->db_id.seq);
		xovn_journal_records_free(chain, n);
		return 0;
	}
	log_debug("journal: %zu record%s read", n, n == 1 ? "" : "s");
	if (xovn_journal_apply(c->model, chain, n, &eff) < 0) {
		log_info("journal record does not apply; reading %s whole", c->opt->db);
		chassis_forget_model(c); /* partly changed: only a full read is trusted now */
	} else {
		follow_to(c, &now);
		chassis_apply_delta(c, &eff);
		rc = 1;
	}
	xovn_delta_effect_free(&eff);
	xovn_journal_records_free(chain, n);
	return rc;
}
