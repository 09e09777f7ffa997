// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * chassis_incr.c - applying xovnctl's journal instead of re-reading the db.
 *
 * A write through xovnctl leaves a record in DB.journal: the file it
 * started from, the file it wrote, and the switches it changed (lib/model/journal.h).
 * When the model in force came from the record's starting file, applying
 * the recorded delta gives exactly the new file's model, which xovnctl
 * validated before writing it.  Only the changed switches are compiled
 * again and only their entries are diffed and written, so one port's
 * change costs the size of its switch, not of the model.  Any doubt (no
 * record, a gap, a damaged line, an edit of another kind) falls back to
 * reading the whole file, which validates it as before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chassis.h"
#include "iface.h"
#include "log.h"
#include "dataplane/map_apply.h"
#include "xovn_maps.h"
#include "model/delta.h"
#include "dataplane/slots.h"

/*
 * The records from the model in force to the db as it is now, or none.
 * xovnctl writes its record before it renames the new db into place, so
 * the rename that woke us finds its record already there: no lock needed.
 */
static int read_chain(struct chassis *c, struct xovn_file_id *now,
		      struct xovn_journal_record **chain, size_t *n)
{
	*chain = NULL;
	*n = 0;
	if (xovn_file_id_of(c->opt->db, now) < 0)
		return -1;
	return xovn_journal_chain(c->opt->db, &c->db_id, now, chain, n);
}

/* Tunnel keys of the switches in array sws, appended to dps. */
static void add_dps(const json_t *sws, uint32_t *dps, size_t *n)
{
	const json_t *sw;
	size_t i;

	json_array_foreach(sws, i, sw)
		dps[(*n)++] = (uint32_t)json_integer_value(json_object_get(sw, "tunnel_key"));
}

/* Does any of the switches have a port that attaches a host interface by bridge mapping? */
static int has_bridged_port(const json_t *sws)
{
	const json_t *sw, *port;
	size_t i, j;

	json_array_foreach(sws, i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), j, port) {
			const char *t = json_string_value(json_object_get(port, "type"));

			if (t && (strcmp(t, "localnet") == 0 || strcmp(t, "l2gateway") == 0))
				return 1;
		}
	}
	return 0;
}

/* A receive key of the new part already taken by a switch outside it. */
static const struct xovn_map_entry *ingress_taken(const struct chassis *c,
						  const struct xovn_mapset *part,
						  const uint32_t *dps, size_t n)
{
	for (size_t i = 0; i < part->n; i++) {
		const struct xovn_map_entry *e = &part->v[i], *old;
		uint32_t dp;
		size_t k;

		if (e->map != XOVN_MAP_INGRESS)
			continue;
		old = xovn_mapset_find(&c->applied, e->map, e->key, e->key_len);
		if (!old)
			continue;
		dp = xovn_map_entry_dp(old);
		for (k = 0; k < n && dps[k] != dp; k++)
			;
		if (k == n)
			return e;
	}
	return NULL;
}

static double ms_since(struct timespec t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0.tv_sec) * 1e3 + (t.tv_nsec - t0.tv_nsec) / 1e6;
}

static int write_part(struct chassis *c, const uint32_t *dps, size_t n, struct xovn_mapset *part,
		      size_t *ups, size_t *dels)
{
	struct xovn_mapset old, up, del;
	char err[256];
	int rc = -1;

	xovn_mapset_init(&old);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	if (xovn_mapset_part(&c->applied, dps, n, &old) < 0 ||
	    xovn_mapset_diff(&old, part, &up, &del) < 0) {
		log_info("out of memory computing the difference");
	} else if (xovn_map_apply(c->dp.map_fds, &up, &del, err, sizeof(err)) < 0) {
		log_info("refusing generation %lld: map write failed: %s", chassis_generation(c), err);
		chassis_resync_applied(c);
	} else if (xovn_mapset_replace_part(&c->applied, dps, n, part) < 0) {
		chassis_resync_applied(c);
		rc = 0;
	} else {
		rc = 0;
	}
	*ups = up.n;
	*dels = del.n;
	xovn_mapset_free(&old);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
	return rc;
}

/* Compiles and writes the switches a delta changed.  0 written, -1 refused (logged). */
static int apply_switches(struct chassis *c, const struct xovn_delta_effect *eff,
			  const struct xovn_switch_change *chg)
{
	size_t n_dp = 0, ups = 0, dels = 0;
	struct iface_table table;
	struct xovn_mapset part;
	char err[512];
	uint32_t *dps;
	int have_links, rc = -1;
	const struct xovn_map_entry *taken;
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	dps = malloc((json_array_size(eff->old_switches) + json_array_size(eff->new_switches) + 1) *
		     sizeof(*dps));
	if (!dps)
		return -1;
	add_dps(eff->old_switches, dps, &n_dp);
	add_dps(eff->new_switches, dps, &n_dp);
	have_links = iface_table_load(&table) == 0;
	xovn_mapset_init(&part);
	if (xovn_compile_switches(c->cstate, c->typed, iface_resolve, have_links ? &table : NULL,
				  chg->cur, chg->n_cur, &part, err, sizeof(err)) < 0) {
		log_info("refusing generation %lld: %s", chassis_generation(c), err);
	} else if (xovn_slots_assign_part(&c->applied, &part) < 0) {
		log_info("refusing generation %lld: no counter slot left for every port",
			 chassis_generation(c));
	} else if ((taken = ingress_taken(c, &part, dps, n_dp)) != NULL) {
		const struct xovn_ingress_key *k = (const void *)taken->key;

		log_info("refusing generation %lld: ifindex %u VID %u is already a port of another switch",
			 chassis_generation(c), k->ifindex, k->vid);
	} else if (write_part(c, dps, n_dp, &part, &ups, &dels) == 0) {
		log_debug("journal: compiled, written and recorded in %.2f ms", ms_since(t0));
		log_info("applied generation %lld: +%zu -%zu entries (journal: %zu switch%s "
			 "compiled)", chassis_generation(c), ups, dels,
			 json_array_size(eff->new_switches),
			 json_array_size(eff->new_switches) == 1 ? "" : "es");
		rc = 0;
		if (has_bridged_port(eff->old_switches) || has_bridged_port(eff->new_switches))
			chassis_sync_attachments(c, have_links ? &table : NULL);
	}
	xovn_mapset_free(&part);
	if (have_links)
		iface_table_free(&table);
	free(dps);
	return rc;
}

/* Applies the chain to the model in force.  0 ok, -1 when a record does not apply. */
static int apply_chain(struct chassis *c, const struct xovn_journal_record *chain, size_t n,
		       struct xovn_delta_effect *total)
{
	memset(total, 0, sizeof(*total));
	total->old_switches = json_array();
	total->new_switches = json_array();
	for (size_t i = 0; i < n; i++) {
		struct xovn_delta_effect eff;

		if (xovn_model_delta_apply(c->model, chain[i].delta, &eff) < 0)
			return -1;
		json_array_extend(total->old_switches, eff.old_switches);
		/* Compile what the switch is at the end of the chain, once. */
		json_array_extend(total->new_switches, eff.new_switches);
		total->others_changed |= eff.others_changed;
		xovn_delta_effect_free(&eff);
	}
	return 0;
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
	c->have_db_stat = stat(c->opt->db, &c->db_stat) == 0;
}

int chassis_apply_delta(struct chassis *c, const struct xovn_delta_effect *eff)
{
	struct xovn_switch_change chg = { 0 };
	int rc;

	if (chassis_delta_may_deactivate(c, eff) && !active_follows(c)) {
		log_info("generation %lld changes what is incomplete: compiling everything",
			 chassis_generation(c));
	} else if (eff->others_changed || !c->cstate || chassis_typed_follow(c, eff, &chg) < 0 ||
		   !xovn_compile_state_covers(c->cstate, (const struct xovn_ls *const *)chg.old,
					      chg.n_old, chg.cur, chg.n_cur)) {
		/* Beyond switches: compile everything, from memory, no re-read. */
		log_info("generation %lld changes more than switches: compiling everything",
			 chassis_generation(c));
	} else {
		rc = apply_switches(c, eff, &chg);
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
		xovn_journal_records_free(chain, n);
		return 0;
	}
	log_debug("journal: %zu record%s read", n, n == 1 ? "" : "s");
	if (apply_chain(c, chain, n, &eff) < 0) {
		log_info("journal record does not apply; reading %s whole", c->opt->db);
		chassis_forget_model(c); /* partly changed: only a full read is trusted now */
	} else {
		json_t *latest = current_switches(c->model, eff.new_switches);

		json_decref(eff.new_switches);
		eff.new_switches = latest;
		follow_to(c, &now);
		chassis_apply_delta(c, &eff);
		rc = 1;
	}
	xovn_delta_effect_free(&eff);
	xovn_journal_records_free(chain, n);
	return rc;
}
