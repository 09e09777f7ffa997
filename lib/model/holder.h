/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * holder.h - which chassis holds something that several chassis may hold
 * (an HA chassis group, a distributed gateway port's gateway chassis): the
 * highest-priority candidate whose chassis is defined and not down.  Equal
 * priorities go to the smaller chassis name, so that every chassis,
 * deciding on its own, picks the same holder.
 */
#ifndef XOVN_MODEL_HOLDER_H
#define XOVN_MODEL_HOLDER_H

#include <stdint.h>

#include "model/types.h"

struct xovn_holder {
	const char *name;    /* NULL while no candidate qualifies */
	int64_t prio;
};

void xovn_holder_init(struct xovn_holder *h);

/* A candidate name at prio; ch is its chassis, NULL when it is not defined. */
void xovn_holder_consider(struct xovn_holder *h, const struct xovn_chassis *ch,
			  const char *name, int64_t prio);

/* Not marked down (a chassis without a state is live). */
int xovn_chassis_is_live(const struct xovn_chassis *ch);

#endif /* XOVN_MODEL_HOLDER_H */
