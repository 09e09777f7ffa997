/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* ra_periodic.h - periodic router advertisements from xovnd's main loop. */
#ifndef XOVND_RA_PERIODIC_H
#define XOVND_RA_PERIODIC_H

#include <stddef.h>
#include <stdint.h>

struct chassis;
struct xovn_ra_periodic;

struct ra_periodic {
	struct xovn_ra_periodic *v;   /* what each local VIF gets (lib/compile/ra.c) */
	uint64_t *next_ns;            /* when v[i] is sent next */
	size_t n;
	uint64_t listed_ns;           /* when v was last listed from the model */
	int sock;                     /* AF_PACKET, -1 before the first send */
};

void ra_periodic_init(struct ra_periodic *rp);
void ra_periodic_free(struct ra_periodic *rp);

/*
 * Sends the advertisements that are due, each at a random time between its
 * port's min_interval and max_interval after the last; lists them anew from
 * the model in force every few seconds.
 */
void ra_periodic_run(struct chassis *c, struct ra_periodic *rp);

#endif /* XOVND_RA_PERIODIC_H */
