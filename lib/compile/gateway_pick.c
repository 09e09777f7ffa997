// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * gateway_pick.c - the active member of an HA chassis group or of a
 * distributed gateway port's gateway chassis.  Liveness comes from the
 * model: a chassis whose state is "down" (set by an operator, or from BFD
 * sessions before the model is compiled) is skipped.
 */
#include "compile/compile.h"
#include "model/holder.h"

/* Takes chassis name at priority prio into h when it is alive and better. */
static void consider(const struct xovn_gw_names *n, struct xovn_holder *h, const char *name,
		     int64_t prio)
{
	xovn_holder_consider(h, name ? n->chassis(n->arg, name) : NULL, name, prio);
}

const char *xovn_ha_group_holder(const struct xovn_gw_names *n, const struct xovn_ha_group *g)
{
	struct xovn_holder h;

	xovn_holder_init(&h);
	for (size_t i = 0; i < g->n_members; i++)
		consider(n, &h, g->members[i].chassis, g->members[i].priority);
	return h.name;
}

const char *xovn_lrp_active_gateway(const struct xovn_gw_names *n, const struct xovn_lrp *lrp)
{
	const struct xovn_ha_group *group;
	struct xovn_holder h;

	if (lrp->ha_chassis_group) {
		group = n->group(n->arg, lrp->ha_chassis_group);
		return group ? xovn_ha_group_holder(n, group) : NULL;
	}
	xovn_holder_init(&h);
	for (size_t i = 0; i < lrp->n_gateway_chassis; i++)
		consider(n, &h, lrp->gateway_chassis[i].chassis_name, lrp->gateway_chassis[i].priority);
	return h.name;
}

static const struct xovn_chassis *model_chassis(const void *arg, const char *name)
{
	return xovn_model_chassis(arg, name);
}

static const struct xovn_ha_group *model_group(const void *arg, const char *name)
{
	return xovn_model_group(arg, name);
}

const char *xovn_model_active_gateway(const struct xovn_model *m, const struct xovn_lrp *lrp)
{
	struct xovn_gw_names n = { model_chassis, model_group, m };

	return xovn_lrp_active_gateway(&n, lrp);
}
