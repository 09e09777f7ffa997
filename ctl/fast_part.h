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
	const char *emptied[PART_MAX_NAMES];   /* switches deleted: each of their ports is claimed */
	size_t n_switches, n_ports, n_claimed, n_emptied;
};

/*
 * The part of the db the chain needs, as of the db's current state (*head):
 * the file's small members, the switches it names and those holding its
 * ports and their container ports, with the records appended on the file
 * applied; chassis and bindings empty.  NULL when the part cannot settle
 * the chain: no current index, a switch the index misplaces, a claimed port
 * that chassis or bindings name.
 */
json_t *ctl_part_read(const char *db, const struct part_names *names, struct xovn_file_id *head);

#endif /* XOVN_CTL_FAST_PART_H */
