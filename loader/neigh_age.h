/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* neigh_age.h - aging of learned neighbours and NAT connections from xovnd's main loop. */
#ifndef XOVND_NEIGH_AGE_H
#define XOVND_NEIGH_AGE_H

#include <stdint.h>

struct chassis;

/* Ages c's learned neighbours when the last turn (*last_ns) is a few seconds old. */
void neigh_age_run(struct chassis *c, uint64_t *last_ns);

struct xovn_nat_timeouts;
/* Removes c's idle NAT connections when the last turn (*last_ns) is a few seconds old. */
void nat_age_run(struct chassis *c, const struct xovn_nat_timeouts *t, uint64_t *last_ns);

/* CLOCK_MONOTONIC, the clock bpf_ktime_get_ns stamps entries with. */
uint64_t age_monotonic_ns(void);

#endif /* XOVND_NEIGH_AGE_H */
