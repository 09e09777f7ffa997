/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * fast_part.h - the part of a big db that a chain confined to a few
 * switches needs (fast_part.c), for the partial write path (fast_write.c).
 */
#ifndef XOVN_CTL_FAST_PART_H
#define XOVN_CTL_FAST_PART_H

#include <jansson.h>
#include <stddef.h>

#include "model/journal.h"

/* The names a chain mentions, each list at most PART_MAX_NAMES long. */
#define PART_MAX_NAMES 64
struct part_names {
	const char *switches[PART_MAX_NAMES];  /* switches read by name */
	const char *ports[PART_MAX_NAMES];     /* ports whose switch and children's switches are read */
	const char *claimed[PART_MAX_NAMES];   /* ports added or deleted: no chassis or binding may name them */
	const char *retyped[PART_MAX_NAMES];   /* type or options changed: a VIF if chassis or bindings name it */
	const char *emptied[PART_MAX_NAMES];   /* switches deleted: each of their ports is claimed */
	size_t n_switches, n_ports, n_claimed, n_retyped, n_emptied;
	int all_switches;  /* a switch or router is added: every other switch is a stub */
};

/* What the reading found besides the part (each an array, new reference). */
struct part_found {
	json_t *stubs;       /* the stubs in the part's switches */
	json_t *bound_vifs;  /* names of retyped ports chassis or bindings name: VIFs they must stay */
};
void ctl_part_found_free(struct part_found *f);

/*
 * The part of the db the chain needs, as of the db's current state (*head):
 * the file's small members, the switches it names and those holding its
 * ports and their container ports, with the records appended on the file
 * applied; chassis and bindings empty.  NULL when the part cannot settle
 * the chain: no current index, a switch the index misplaces, a claimed port
 * that chassis or bindings name, a retyped one they name that is not a
 * plain VIF (type "", no parent).
 *
 * With all_switches, every other switch of the db is in logical_switches
 * as a stub, its name and tunnel key only, so that a new switch or router
 * is checked against every name and takes the lowest key no datapath
 * holds, as on the full path.  found->stubs holds them: they must be
 * taken out before the part is validated or compared.
 */
json_t *ctl_part_read(const char *db, const struct part_names *names, struct xovn_file_id *head,
		      struct part_found *found);

/* 1 when doc has port name, of type "" and without a parent. */
int ctl_part_plain_vif(const json_t *doc, const char *name);

/* 1 for a member the part leaves empty (chassis, bindings): a write may not change it. */
int ctl_part_left_out(const char *member);

/* Takes the stubs out of the part's switches: those taken, an array (new reference). */
json_t *ctl_part_take_stubs(json_t *doc, const json_t *stubs);
/* Puts back the stubs taken. */
int ctl_part_put_stubs(json_t *doc, const json_t *taken);

#endif /* XOVN_CTL_FAST_PART_H */
