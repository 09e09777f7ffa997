// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * reconcile.c - compile result -> counter slots -> difference -> map
 * writes -> record, for a whole compile and a compile of some switches
 * alike.
 *
 * The maps are never flushed: only the difference is written, so traffic
 * between ports that did not change never sees a map change.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "dataplane/map_apply.h"
#include "dataplane/slots.h"
#include "log.h"
#include "map_dump.h"
#include "garp.h"
#include "reconcile.h"

int reconcile_init(struct reconcile *r, const int *map_fds, int verbose)
{
	memset(r, 0, sizeof(*r));
	r->map_fds = map_fds;
	r->verbose = verbose;
	xovn_mapset_init(&r->applied);
	return map_dump_all(map_fds, &r->applied);
}

void reconcile_free(struct reconcile *r)
{
	xovn_mapset_free(&r->applied);
	xovn_host_facts_free(&r->facts);
	r->has_attach = 0;
	r->has_chassis_facts = 0;
}

/* After a failed write the maps hold something in between: read them back. */
static void resync(struct reconcile *r)
{
	xovn_mapset_free(&r->applied);
	if (map_dump_all(r->map_fds, &r->applied) < 0)
		log_info("cannot read the maps back; the next apply may rewrite entries");
}

static int assign_slots(struct reconcile *r, struct xovn_compile_result *res)
{
	if (res->partial)
		return xovn_slots_assign_part(&r->applied, &res->entries);
	return xovn_slots_assign(&r->applied, &res->entries);
}

/* up/del: from what the maps hold for the result's scope to the result. */
static int difference(const struct reconcile *r, const struct xovn_compile_result *res,
		      struct xovn_mapset *up, struct xovn_mapset *del)
{
	struct xovn_mapset old;
	int rc;

	if (!res->partial)
		return xovn_mapset_diff(&r->applied, &res->entries, up, del);
	xovn_mapset_init(&old);
	rc = xovn_mapset_part(&r->applied, res->dps, res->n_dps, &old);
	if (rc == 0)
		rc = xovn_mapset_diff(&old, &res->entries, up, del);
	xovn_mapset_free(&old);
	return rc;
}

/* The maps hold res now: so must the record. */
static void record(struct reconcile *r, struct xovn_compile_result *res)
{
	if (!res->partial) {
		xovn_mapset_free(&r->applied);
		r->applied = res->entries;
		xovn_mapset_init(&res->entries);
	} else if (xovn_mapset_replace_part(&r->applied, res->dps, res->n_dps,
					    &res->entries) < 0) {
		resync(r);
	}
}

static void take_facts(struct reconcile *r, struct xovn_compile_result *res)
{
	struct xovn_host_facts *f = &r->facts, *in = &res->facts;

	if (res->has_attach) {
		free(f->attach);
		f->attach = in->attach;
		f->n_attach = in->n_attach;
		in->attach = NULL;
		in->n_attach = 0;
		r->has_attach = 1;
	}
	if (res->has_chassis_facts) {
		free(f->remote_ips);
		free(f->vifs);
		f->remote_ips = in->remote_ips;
		f->n_remote_ips = in->n_remote_ips;
		f->vifs = in->vifs;
		f->n_vifs = in->n_vifs;
		in->remote_ips = NULL;
		in->vifs = NULL;
		in->n_remote_ips = in->n_vifs = 0;
		r->has_chassis_facts = 1;
	}
}

static void log_applied(struct reconcile *r, const struct xovn_compile_result *res,
			long long generation, size_t ups, size_t dels)
{
	char line[sizeof(r->held)];

	/* A partial result comes from a journal record (or an SB port change): say how much. */
	if (res->partial)
		snprintf(line, sizeof(line), "applied generation %lld: +%zu -%zu entries (journal: "
			 "%zu switch%s compiled)", generation, ups, dels, res->n_switches,
			 res->n_switches == 1 ? "" : "es");
	/* The first write is always reported: it says what a restart changed. */
	else if (ups || dels || r->verbose || !r->applied_once)
		snprintf(line, sizeof(line), "applied generation %lld: +%zu -%zu entries",
			 generation, ups, dels);
	else
		return;
	if (r->hold_log)
		memcpy(r->held, line, sizeof(line));
	else
		log_info("%s", line);
}

void reconcile_log_held(struct reconcile *r)
{
	if (r->held[0])
		log_info("%s", r->held);
	r->held[0] = '\0';
}

int reconcile_step(struct reconcile *r, struct xovn_compile_result *res, long long generation)
{
	struct xovn_mapset up, del;
	char err[256];
	int rc = -1;

	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	if (assign_slots(r, res) < 0) {
		log_info("refusing generation %lld: no counter slot left for every port",
			 generation);
	} else if (difference(r, res, &up, &del) < 0) {
		log_info("out of memory computing the difference");
	} else if (xovn_map_apply(r->map_fds, &up, &del, err, sizeof(err)) < 0) {
		log_info("refusing generation %lld: map write failed: %s", generation, err);
		resync(r);
	} else {
		record(r, res);
		take_facts(r, res);
		log_applied(r, res, generation, up.n, del.n);
		garp_after_write(&up, &r->applied);
		r->applied_once = 1;
		rc = 0;
	}
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
	return rc;
}

/* The config entry of a sorted set, NULL when it has none of the right size. */
static struct xovn_map_entry *config_entry(struct xovn_mapset *s)
{
	uint32_t key = 0;
	const struct xovn_map_entry *e = xovn_mapset_find(s, XOVN_MAP_CONFIG, &key, sizeof(key));

	return e && e->val_len == sizeof(struct xovn_config) ? (struct xovn_map_entry *)e : NULL;
}

static uint32_t swap_generation(struct xovn_map_entry *e, uint32_t generation)
{
	uint8_t *at = e->val + offsetof(struct xovn_config, generation);
	uint32_t old;

	memcpy(&old, at, sizeof(old));
	memcpy(at, &generation, sizeof(generation));
	return old;
}

uint32_t reconcile_hold_generation(struct reconcile *r, struct xovn_compile_result *res)
{
	struct xovn_map_entry *e = config_entry(&res->entries);
	struct xovn_config now = { 0 };

	if (!e)
		return 0;
	xovn_mapset_config(&r->applied, &now);   /* none yet: new maps, generation 0 */
	return swap_generation(e, now.generation);
}

int reconcile_publish_generation(struct reconcile *r, uint32_t generation)
{
	struct xovn_map_entry *e = config_entry(&r->applied);
	uint32_t was;

	if (!e)
		return 0;
	was = swap_generation(e, generation);
	if (was == generation)
		return 0;
	if (bpf_map_update_elem(r->map_fds[XOVN_MAP_CONFIG], e->key, e->val, BPF_ANY) < 0) {
		log_info("cannot publish generation %u: %s", generation, strerror(errno));
		swap_generation(e, was);
		return -1;
	}
	return 0;
}
