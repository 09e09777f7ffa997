// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * semantic_dynrouting.c - dynamic routing options of routers and router
 * ports (routeexch/routeexch.h): dynamic-routing true or false, a routing
 * table id the kernel lets a router use, interface names that fit, known
 * kinds in dynamic-routing-redistribute, and no two routers exchanging
 * routes through one table.
 */
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "model/validate/validate.h"
#include "routeexch/routeexch.h"

#define LR_PATH "$.logical_routers[%zu].options"
#define LRP_PATH "$.logical_routers[%zu].ports[%zu].options"

static void check_port(struct xovn_errors *errs, const struct xovn_lr *r, const struct xovn_lrp *p)
{
	const char *redist = xovn_smap_get(&p->options, "dynamic-routing-redistribute");
	const char *ifname = xovn_smap_get(&p->options, "dynamic-routing-port-name");
	char path[160], err[200];
	unsigned bits;

	if (redist && xovn_redistribute_parse(redist, &bits, err, sizeof(err)) < 0) {
		snprintf(path, sizeof(path), LRP_PATH ".dynamic-routing-redistribute", r->index,
			 p->index);
		xovn_errors_add(errs, path, "dynamic-routing", "%s", err);
	}
	if (ifname && (!ifname[0] || strlen(ifname) >= IF_NAMESIZE)) {
		snprintf(path, sizeof(path), LRP_PATH ".dynamic-routing-port-name", r->index,
			 p->index);
		xovn_errors_add(errs, path, "dynamic-routing", "\"%s\" is not an interface name "
				"(1-%d characters)", ifname, IF_NAMESIZE - 1);
	}
}

/* The first earlier router with dynamic routing through table, NULL when none. */
static const struct xovn_lr *table_user(const struct xovn_model *m, size_t before, uint32_t table)
{
	for (size_t i = 0; i < before; i++) {
		struct xovn_dynrouting dr;
		char err[200];

		if (xovn_dynrouting_of(&m->routers[i], &dr, err, sizeof(err)) == 1 &&
		    dr.table_id == table)
			return &m->routers[i];
	}
	return NULL;
}

void validate_dynamic_routing(struct xovn_errors *errs, const struct xovn_model *m)
{
	for (size_t i = 0; i < m->n_routers; i++) {
		const struct xovn_lr *r = &m->routers[i], *other;
		struct xovn_dynrouting dr;
		char path[160], err[200];
		int on = xovn_dynrouting_of(r, &dr, err, sizeof(err));

		snprintf(path, sizeof(path), LR_PATH, r->index);
		if (on < 0)
			xovn_errors_add(errs, path, "dynamic-routing", "%s", err);
		other = on == 1 ? table_user(m, i, dr.table_id) : NULL;
		if (other)
			xovn_errors_add(errs, path, "dynamic-routing", "routing table %u is "
					"router '%s''s already", dr.table_id,
					other->name ? other->name : "?");
		for (size_t j = 0; j < r->n_ports; j++)
			check_port(errs, r, &r->ports[j]);
	}
}
