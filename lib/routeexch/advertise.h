/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * advertise.h - the routes one chassis advertises, a pure function of the
 * typed model and the chassis' name.
 *
 * A router with dynamic routing on is advertised from where its traffic
 * enters from the fabric: a gateway router (options:chassis) from that
 * chassis; a router with a distributed gateway port from that port's
 * active gateway chassis (the highest-priority live one, model/holder.h);
 * a router without either from every chassis with a VIF on a switch
 * attached to it.  What it advertises is what its ports redistribute
 * (routeexch.h): networks, addresses as host routes, dst-ip static routes
 * (by the port they leave by), NAT external IPs.
 */
#ifndef XOVN_ROUTEEXCH_ADVERTISE_H
#define XOVN_ROUTEEXCH_ADVERTISE_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"
#include "util/addr.h"

struct xovn_adv_route {
	uint32_t table;
	struct xovn_ip prefix;       /* host bits cleared */
};

struct xovn_adv_set {
	struct xovn_adv_route *routes;   /* sorted by table, family, address, length; no duplicates */
	size_t n_routes, cap_routes;
	uint32_t *tables;                /* every table of a router advertised here, sorted */
	size_t n_tables, cap_tables;
};

void xovn_adv_set_init(struct xovn_adv_set *s);
void xovn_adv_set_free(struct xovn_adv_set *s);
int xovn_adv_set_equal(const struct xovn_adv_set *a, const struct xovn_adv_set *b);
/* Is table one of s's tables? */
int xovn_adv_set_has_table(const struct xovn_adv_set *s, uint32_t table);
/* Does s hold this route? */
int xovn_adv_set_has(const struct xovn_adv_set *s, const struct xovn_adv_route *r);

/* Appends one route / table (then xovn_adv_set_finish).  0 ok, -1 out of memory. */
int xovn_adv_set_add(struct xovn_adv_set *s, uint32_t table, const struct xovn_ip *prefix);
int xovn_adv_set_add_table(struct xovn_adv_set *s, uint32_t table);
/* Sorts both lists and drops duplicates: ready for the comparisons above. */
void xovn_adv_set_finish(struct xovn_adv_set *s);

/*
 * Fills out (initialized, empty) with what chassis advertises.  Routers
 * whose options are wrong are left out (the validator refuses them).
 * 0 ok, -1 out of memory.
 */
int xovn_advertise_compute(const struct xovn_model *m, const char *chassis,
			   struct xovn_adv_set *out);

#endif /* XOVN_ROUTEEXCH_ADVERTISE_H */
