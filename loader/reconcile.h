/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * reconcile.h - the one step that brings the maps to a compile result,
 * whole or partial: counter slots against the entries in force, the
 * difference, the write, and the record of what the maps now hold.  Any
 * failure refuses the result and keeps the last good state: the maps and
 * the record stay equal (after a failed write the maps are read back),
 * and the host facts stay those of the last result written.
 */
#ifndef XOVND_RECONCILE_H
#define XOVND_RECONCILE_H

#include <stdint.h>
#include "compile/compile.h"
#include "dataplane/mapset.h"

struct reconcile {
	const int *map_fds;            /* by enum xovn_map_id, XOVN_MAP__COUNT of them */
	struct xovn_mapset applied;    /* exactly what the maps hold */
	struct xovn_host_facts facts;  /* of the results written: what the host follows */
	int has_attach;                /* facts.attach is set */
	int has_chassis_facts;         /* facts.remote_ips and facts.vifs are set */
	int applied_once;              /* the first write is always reported */
	int verbose;                   /* report writes that change nothing */
	int hold_log;                  /* keep the report of a write for reconcile_log_held */
	char held[160];                /* that report, "" when none */
};

/* Reads back what the maps hold.  0 ok, -1 logged. */
int reconcile_init(struct reconcile *r, const int *map_fds, int verbose);
void reconcile_free(struct reconcile *r);

/*
 * Writes the difference between the maps and res, logged as generation's.
 * On success the record follows (res->entries are moved into it) and the
 * facts res carries replace the ones held.  0 written, -1 refused (logged).
 */
int reconcile_step(struct reconcile *r, struct xovn_compile_result *res, long long generation);
/*
 * Logs the report of a write made with hold_log set: the maps of a start
 * are written before its programs are there, and "applied" is said when
 * they are.
 */
void reconcile_log_held(struct reconcile *r);

/*
 * The generation xovnctl --wait reads says the chassis forwards by the
 * result, so it is published after the attachments that follow a write:
 * reconcile_hold_generation, before reconcile_step, gives res's config
 * entry the generation the maps hold now and returns res's own;
 * reconcile_publish_generation, after the attachments, writes that one.
 */
uint32_t reconcile_hold_generation(struct reconcile *r, struct xovn_compile_result *res);
int reconcile_publish_generation(struct reconcile *r, uint32_t generation);

#endif /* XOVND_RECONCILE_H */
