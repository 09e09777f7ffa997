// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * semantic_routers.c - logical routers: unique names (router ports unique
 * across routers, like switch ports), tunnel keys unique in the datapath
 * key space that routers share with switches and per router for its
 * ports, a router port's MAC (not a group address) and networks (a host
 * of the subnet, not its network or broadcast address), networks of one
 * router that overlap, and static routes: a prefix without host bits, a
 * nexthop of the prefix's family.
 *
 * The syntax of MACs, networks, prefixes and nexthops is the schema
 * pass's (schema_router.c, rule "pattern"); a value it refuses is skipped
 * here so that it is not reported twice.  What a router still lacks is
 * not an error: a route whose output_port is not a port of its router
 * (ovn-nbctl's lrp-del leaves it behind) or whose nexthop is in none of
 * the router's networks is stored and inactive (incomplete.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util/cidr.h"
#include "util/prefix.h"
#include "model/validate/validate.h"

struct router_pass {
	struct xovn_errors *errs;
	const struct vnames *names;
	struct vset dp_keys;           /* switch and router keys -> first holder */
	struct vset port_keys;         /* port keys of the current router */
};

static const char *fmt_path(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static const char *fmt_path(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return buf;
}

#define LR "$.logical_routers[%zu]"
#define LRP LR ".ports[%zu]"
#define ROUTE LR ".static_routes[%zu]"

/* ---- names and keys ------------------------------------------------------ */

static void unique_lrp_name(struct router_pass *p, const struct xovn_lrp *port)
{
	const struct xovn_lrp *first = vnames_lrp(p->names, port->name);
	char path[128], first_path[128];

	if (!first || first == port)
		return;
	xovn_errors_add(p->errs, fmt_path(path, sizeof(path), LRP ".name", port->lr->index,
					  port->index),
			"unique-name", "router port name \"%s\" is already used at %s", port->name,
			fmt_path(first_path, sizeof(first_path), LRP ".name", first->lr->index,
				 first->index));
}

/* Switches hold their keys first: a router key is checked against every switch's. */
static void claim_switch_keys(struct router_pass *p, const struct xovn_model *m)
{
	for (size_t i = 0; i < m->n_switches; i++) {
		const struct xovn_ls *ls = m->switches[i];
		struct vloc here = { .a = ls->index, .b = 0 };

		if (ls->has_tunnel_key)
			vset_claim(&p->dp_keys, &ls->tunnel_key, sizeof(ls->tunnel_key), &here);
	}
}

static void unique_router_key(struct router_pass *p, const struct xovn_lr *r)
{
	struct vloc here = { .a = r->index, .b = 1 };   /* b: 0 a switch, 1 a router */
	const struct vloc *first;
	char path[128], first_path[128];

	if (!r->has_tunnel_key)
		return;
	first = vset_claim(&p->dp_keys, &r->tunnel_key, sizeof(r->tunnel_key), &here);
	if (!first)
		return;
	if (first->b == 0)
		fmt_path(first_path, sizeof(first_path), "$.logical_switches[%zu].tunnel_key",
			 first->a);
	else
		fmt_path(first_path, sizeof(first_path), LR ".tunnel_key", first->a);
	xovn_errors_add(p->errs, fmt_path(path, sizeof(path), LR ".tunnel_key", r->index),
			"unique-key", "datapath tunnel key \"%lld\" is already used at %s",
			(long long)r->tunnel_key, first_path);
}

static void unique_port_key(struct router_pass *p, const struct xovn_lrp *port)
{
	struct vloc here = { .a = port->index };
	const struct vloc *first;
	char path[128], first_path[128];

	if (!port->has_tunnel_key)
		return;
	first = vset_claim(&p->port_keys, &port->tunnel_key, sizeof(port->tunnel_key), &here);
	if (first)
		xovn_errors_add(p->errs,
				fmt_path(path, sizeof(path), LRP ".tunnel_key", port->lr->index,
					 port->index),
				"unique-key", "router port tunnel key \"%lld\" is already used at %s",
				(long long)port->tunnel_key,
				fmt_path(first_path, sizeof(first_path), LRP ".tunnel_key",
					 port->lr->index, first->a));
}

/* ---- a port's MAC and networks ------------------------------------------- */

static void check_mac(struct router_pass *p, const struct xovn_lrp *port)
{
	char path[128];
	uint8_t mac[6];

	if (!port->mac || xovn_parse_mac(port->mac, mac) < 0)
		return;   /* the schema pass reports it */
	if (mac[0] & 1)
		xovn_errors_add(p->errs,
				fmt_path(path, sizeof(path), LRP ".mac", port->lr->index, port->index),
				"multicast-mac", "a router port MAC cannot have the group bit set");
}

/* A network of a router port, kept for the overlap check. */
struct lr_net {
	struct xovn_ip ip;
	const struct xovn_lrp *port;
	size_t k;   /* position in the port's networks[] */
};

/*
 * Checks networks[k] of port; 0 and *out when it is a usable network.  A
 * port's address must be a host of its subnet: not the subnet's own
 * address, nor (IPv4) its broadcast address, except on /31, /32, /127 and
 * /128 subnets, which have neither.
 */
static int check_network(struct router_pass *p, const struct xovn_lrp *port, size_t k,
			 struct lr_net *out)
{
	const char *s = port->networks.v[k];
	int width, host;
	char path[128];

	if (!s || xovn_parse_prefix(s, XOVN_PLEN_REQUIRED, &out->ip) < 0)
		return -1;   /* the schema pass reports it */
	fmt_path(path, sizeof(path), LRP ".networks[%zu]", port->lr->index, port->index, k);
	width = out->ip.family == AF_INET ? 32 : 128;
	host = xovn_cidr_host_bits(&out->ip);
	if (out->ip.plen < width - 1 &&
	    (host == 0 || (host == 1 && out->ip.family == AF_INET))) {
		xovn_errors_add(p->errs, path, "network-address",
				"%s is the %s address of its subnet; a router port needs one of "
				"its host addresses", s, host == 0 ? "network" : "broadcast");
		return -1;
	}
	out->port = port;
	out->k = k;
	return 0;
}

/* Document order: port, then position in networks[]. */
static int net_before(const struct lr_net *a, const struct lr_net *b)
{
	return a->port->index != b->port->index ? a->port->index < b->port->index : a->k < b->k;
}

/* By prefix; equal prefixes in document order, so the first one covers the others. */
static int net_order(const void *a, const void *b)
{
	const struct lr_net *x = a, *y = b;
	int c = xovn_cidr_cmp(&x->ip, &y->ip);

	return c ? c : net_before(x, y) ? -1 : net_before(y, x);
}

struct overlap {
	const struct lr_net *at, *other;   /* reported at the later one in the document */
};

static int overlap_order(const void *a, const void *b)
{
	const struct overlap *x = a, *y = b;

	return net_before(x->at, y->at) ? -1 : net_before(y->at, x->at);
}

/*
 * Prefixes either nest or are disjoint, so sorted by address (a covering
 * prefix first) each network overlaps an earlier one exactly when it lies
 * inside the last network that did not: one pass after the sort.
 */
static void check_overlaps(struct router_pass *p, struct lr_net *nets, size_t n)
{
	struct overlap *found = calloc(n ? n : 1, sizeof(*found));
	const struct lr_net *cover = NULL;
	char path[128], other[128];
	size_t n_found = 0;

	if (!found) {
		xovn_errors_add(p->errs, "$", "io", "out of memory checking router networks");
		return;
	}
	qsort(nets, n, sizeof(*nets), net_order);
	for (size_t i = 0; i < n; i++) {
		if (!cover || !xovn_cidr_contains(&cover->ip, &nets[i].ip) ||
		    cover->ip.plen > nets[i].ip.plen) {
			cover = &nets[i];
			continue;
		}
		found[n_found].at = net_before(cover, &nets[i]) ? &nets[i] : cover;
		found[n_found].other = found[n_found].at == cover ? &nets[i] : cover;
		n_found++;
	}
	qsort(found, n_found, sizeof(*found), overlap_order);
	for (size_t i = 0; i < n_found; i++) {
		const struct lr_net *at = found[i].at, *o = found[i].other;

		xovn_errors_add(p->errs,
				fmt_path(path, sizeof(path), LRP ".networks[%zu]", at->port->lr->index,
					 at->port->index, at->k),
				"overlapping-network", "network %s overlaps %s at %s",
				at->port->networks.v[at->k], o->port->networks.v[o->k],
				fmt_path(other, sizeof(other), LRP ".networks[%zu]",
					 o->port->lr->index, o->port->index, o->k));
	}
	free(found);
}

static void check_ports(struct router_pass *p, const struct xovn_lr *r)
{
	struct lr_net *nets;
	size_t total = 0, n = 0;

	vset_clear(&p->port_keys);
	for (size_t j = 0; j < r->n_ports; j++)
		total += r->ports[j].networks.n;
	nets = calloc(total ? total : 1, sizeof(*nets));
	if (!nets) {
		xovn_errors_add(p->errs, "$", "io", "out of memory checking router networks");
		return;
	}
	for (size_t j = 0; j < r->n_ports; j++) {
		const struct xovn_lrp *port = &r->ports[j];

		if (port->name)
			unique_lrp_name(p, port);
		unique_port_key(p, port);
		check_mac(p, port);
		validate_lrp_ra(p->errs, port);
		for (size_t k = 0; k < port->networks.n; k++)
			if (check_network(p, port, k, &nets[n]) == 0)
				n++;
	}
	check_overlaps(p, nets, n);
	free(nets);
}

/* ---- static routes ------------------------------------------------------- */

static const char *family_name(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

static void check_route(struct router_pass *p, const struct xovn_lr *r,
			const struct xovn_route *rt)
{
	struct xovn_ip prefix, nexthop, network;
	int prefix_ok, nexthop_ok;
	char path[128], canon[XOVN_PREFIX_STRLEN];

	/* Values the schema pass refuses (absent, not a string, bad syntax) are its to report. */
	prefix_ok = rt->ip_prefix && xovn_parse_prefix(rt->ip_prefix, XOVN_PLEN_OPTIONAL,
							&prefix) == 0;
	nexthop_ok = rt->nexthop && strcmp(rt->nexthop, "discard") != 0 &&
		     xovn_parse_prefix(rt->nexthop, XOVN_PLEN_NONE, &nexthop) == 0;
	if (prefix_ok && xovn_cidr_host_bits(&prefix) != 0) {
		network = prefix;
		xovn_prefix_mask(&network);
		xovn_prefix_str(&network, canon);
		xovn_errors_add(p->errs,
				fmt_path(path, sizeof(path), ROUTE ".ip_prefix", r->index, rt->index),
				"host-bits", "\"%s\" has bits set beyond its prefix length (%s?)",
				rt->ip_prefix, canon);
	}
	if (prefix_ok && nexthop_ok && prefix.family != nexthop.family)
		xovn_errors_add(p->errs,
				fmt_path(path, sizeof(path), ROUTE ".nexthop", r->index, rt->index),
				"route-family", "nexthop %s is %s but prefix %s is %s", rt->nexthop,
				family_name(nexthop.family), rt->ip_prefix,
				family_name(prefix.family));
}

void validate_routers(struct xovn_errors *errs, const struct xovn_model *m,
		      const struct vnames *names)
{
	struct router_pass p = { .errs = errs, .names = names };
	struct vunique router_names;

	vset_init(&p.dp_keys);
	vset_init(&p.port_keys);
	vunique_init(&router_names, errs, "logical_routers", "router name");
	claim_switch_keys(&p, m);
	for (size_t i = 0; i < m->n_routers; i++) {
		const struct xovn_lr *r = &m->routers[i];

		vunique_claim(&router_names, r->name, r->index);
		unique_router_key(&p, r);
		check_ports(&p, r);
		for (size_t k = 0; k < r->n_routes; k++)
			check_route(&p, r, &r->routes[k]);
	}
	vunique_free(&router_names);
	vset_free(&p.dp_keys);
	vset_free(&p.port_keys);
}
