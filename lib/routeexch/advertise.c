// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * advertise.c - which routers this chassis advertises, and their routes
 * (advertise.h).
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "compile/compile.h"
#include "routeexch/advertise.h"
#include "routeexch/routeexch.h"
#include "util/cidr.h"
#include "util/name_index.h"
#include "util/prefix.h"
#include "xovn_maps.h"

/* The active chassis of a distributed gateway port, NULL when none is live. */
static const char *gateway_holder(const struct xovn_model *m, const struct xovn_lrp *p)
{
	return xovn_model_active_gateway(m, p);
}

static const struct xovn_lrp *gateway_port(const struct xovn_lr *r)
{
	for (size_t i = 0; i < r->n_ports; i++)
		if (r->ports[i].n_gateway_chassis || r->ports[i].ha_chassis_group)
			return &r->ports[i];
	return NULL;
}

/*
 * Router ports reachable from this chassis' VIFs: the router-port option
 * of every router LSP on a switch where one of its VIFs is.  Built only
 * when a distributed router without a gateway port asks.
 */
struct local_reach {
	struct name_index lrps;
	int built;
};

static int reach_build(struct local_reach *lr, const struct xovn_model *m, const char *chassis)
{
	const struct xovn_chassis *ch = xovn_model_chassis(m, chassis);
	struct name_index vif_ports;
	int rc = 0;

	lr->built = 1;
	name_index_init(&lr->lrps);
	name_index_init(&vif_ports);
	for (size_t i = 0; ch && i < ch->n_vifs && rc == 0; i++)
		if (ch->vifs[i].port)
			rc = name_index_put_new(&vif_ports, ch->vifs[i].port, ch);
	for (size_t i = 0; i < m->n_switches && rc == 0; i++) {
		const struct xovn_ls *sw = m->switches[i];
		int local = 0;

		for (size_t j = 0; j < sw->n_ports && !local; j++)
			local = sw->ports[j].name && name_index_get(&vif_ports, sw->ports[j].name);
		for (size_t j = 0; local && j < sw->n_ports && rc == 0; j++) {
			const char *lrp = xovn_smap_get(&sw->ports[j].options, "router-port");

			if (sw->ports[j].kind == XOVN_PT_ROUTER && lrp)
				rc = name_index_put_new(&lr->lrps, lrp, sw);
		}
	}
	name_index_free(&vif_ports);
	return rc;
}

static int router_reached(struct local_reach *lr, const struct xovn_model *m,
			  const char *chassis, const struct xovn_lr *r, int *here)
{
	*here = 0;
	if (!lr->built && reach_build(lr, m, chassis) < 0)
		return -1;
	for (size_t i = 0; i < r->n_ports && !*here; i++)
		*here = r->ports[i].name && name_index_get(&lr->lrps, r->ports[i].name) != NULL;
	return 0;
}

/* Is r advertised from chassis?  0 / 1, -1 out of memory. */
static int router_here(const struct xovn_model *m, const char *chassis, const struct xovn_lr *r,
		       struct local_reach *lr)
{
	const char *pinned = xovn_smap_get(&r->options, "chassis");
	const struct xovn_lrp *gw;
	const char *holder;
	int here;

	if (pinned)
		return strcmp(pinned, chassis) == 0;
	gw = gateway_port(r);
	if (gw) {
		holder = gateway_holder(m, gw);
		return holder && strcmp(holder, chassis) == 0;
	}
	return router_reached(lr, m, chassis, r, &here) < 0 ? -1 : here;
}

static int port_enabled(const struct xovn_lrp *p)
{
	return p->enabled != XOVN_FALSE;
}

static int add_networks(struct xovn_adv_set *s, uint32_t table, const struct xovn_lrp *p,
			unsigned bits)
{
	for (size_t i = 0; i < p->networks.n; i++) {
		struct xovn_ip ip;

		if (!p->networks.v[i] ||
		    xovn_parse_prefix(p->networks.v[i], XOVN_PLEN_REQUIRED, &ip) < 0 ||
		    (ip.family == AF_INET6 && IN6_IS_ADDR_LINKLOCAL(&ip.v6)))
			continue;
		if (bits & XOVN_REDIST_CONNECTED_AS_HOST) {
			struct xovn_ip host = ip;

			host.plen = ip.family == AF_INET ? 32 : 128;
			if (xovn_adv_set_add(s, table, &host) < 0)
				return -1;
		}
		xovn_prefix_mask(&ip);
		if ((bits & XOVN_REDIST_CONNECTED) && xovn_adv_set_add(s, table, &ip) < 0)
			return -1;
	}
	return 0;
}

/* The port a static route leaves by: output_port, else the one whose network holds nexthop. */
static const struct xovn_lrp *route_port(const struct xovn_lr *r, const struct xovn_route *rt)
{
	struct xovn_ip nh, net;

	for (size_t i = 0; rt->output_port && i < r->n_ports; i++)
		if (r->ports[i].name && strcmp(r->ports[i].name, rt->output_port) == 0)
			return &r->ports[i];
	if (rt->output_port || !rt->nexthop ||
	    xovn_parse_prefix(rt->nexthop, XOVN_PLEN_NONE, &nh) < 0)
		return NULL;
	for (size_t i = 0; i < r->n_ports; i++)
		for (size_t j = 0; j < r->ports[i].networks.n; j++)
			if (r->ports[i].networks.v[j] &&
			    xovn_parse_prefix(r->ports[i].networks.v[j], XOVN_PLEN_REQUIRED, &net) == 0 &&
			    xovn_cidr_contains(&net, &nh))
				return &r->ports[i];
	return NULL;
}

static int add_static(struct xovn_adv_set *s, uint32_t table, const struct xovn_lr *r,
		      unsigned router_bits)
{
	for (size_t k = 0; k < r->n_routes; k++) {
		const struct xovn_route *rt = &r->routes[k];
		const struct xovn_lrp *p;
		struct xovn_ip ip;

		if (rt->learned || (rt->policy && strcmp(rt->policy, "dst-ip")) ||
		    (rt->route_table && rt->route_table[0]) || !rt->ip_prefix ||
		    xovn_parse_prefix(rt->ip_prefix, XOVN_PLEN_OPTIONAL, &ip) < 0)
			continue;
		p = route_port(r, rt);
		if (!(((p ? xovn_lrp_redistribute(p, router_bits) : router_bits)) & XOVN_REDIST_STATIC))
			continue;
		xovn_prefix_mask(&ip);
		if (xovn_adv_set_add(s, table, &ip) < 0)
			return -1;
	}
	return 0;
}

static int add_nat(struct xovn_adv_set *s, uint32_t table, const struct xovn_lr *r)
{
	for (size_t k = 0; k < r->n_nat; k++) {
		struct xovn_ip ip;

		if (r->nat[k].external_ip &&
		    xovn_parse_prefix(r->nat[k].external_ip, XOVN_PLEN_NONE, &ip) == 0 &&
		    xovn_adv_set_add(s, table, &ip) < 0)
			return -1;
	}
	return 0;
}

static int add_router(struct xovn_adv_set *s, const struct xovn_lr *r,
		      const struct xovn_dynrouting *dr)
{
	unsigned any = dr->redistribute;

	if (xovn_adv_set_add_table(s, dr->table_id) < 0)
		return -1;
	for (size_t i = 0; i < r->n_ports; i++) {
		unsigned bits = xovn_lrp_redistribute(&r->ports[i], dr->redistribute);

		any |= bits;
		if (port_enabled(&r->ports[i]) &&
		    add_networks(s, dr->table_id, &r->ports[i], bits) < 0)
			return -1;
	}
	if (add_static(s, dr->table_id, r, dr->redistribute) < 0)
		return -1;
	return (any & XOVN_REDIST_NAT) ? add_nat(s, dr->table_id, r) : 0;
}

int xovn_advertise_compute(const struct xovn_model *m, const char *chassis,
			   struct xovn_adv_set *out)
{
	struct local_reach lr = { .built = 0 };
	int rc = 0;

	for (size_t i = 0; i < m->n_routers && rc == 0; i++) {
		const struct xovn_lr *r = &m->routers[i];
		struct xovn_dynrouting dr;
		char err[160];
		int here;

		if (r->enabled == XOVN_FALSE || xovn_dynrouting_of(r, &dr, err, sizeof(err)) != 1)
			continue;
		here = router_here(m, chassis, r, &lr);
		if (here < 0)
			rc = -1;
		else if (here)
			rc = add_router(out, r, &dr);
	}
	if (lr.built)
		name_index_free(&lr.lrps);
	xovn_adv_set_finish(out);
	return rc;
}
