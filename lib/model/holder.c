// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* holder.c - the holder among chassis with priorities (holder.h). */
#include <string.h>

#include "model/holder.h"

void xovn_holder_init(struct xovn_holder *h)
{
	h->name = NULL;
	h->prio = -1;
}

int xovn_chassis_is_live(const struct xovn_chassis *ch)
{
	return !ch->state || strcmp(ch->state, "down") != 0;
}

void xovn_holder_consider(struct xovn_holder *h, const struct xovn_chassis *ch,
			  const char *name, int64_t prio)
{
	if (!ch || !name || !xovn_chassis_is_live(ch))
		return;
	if (prio > h->prio || (prio == h->prio && strcmp(name, h->name) < 0)) {
		h->name = name;
		h->prio = prio;
	}
}
