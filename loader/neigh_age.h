/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* neigh_age.h - aging of learned neighbours from xovnd's main loop. */
#ifndef XOVND_NEIGH_AGE_H
#define XOVND_NEIGH_AGE_H

#include <stdint.h>

struct chassis;

/* Ages c's learned neighbours when the last turn (*last_ns) is a few seconds old. */
void neigh_age_run(struct chassis *c, uint64_t *last_ns);

#endif /* XOVND_NEIGH_AGE_H */
