// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * incomplete.c - which parts of a valid model are not in force yet, and why.
 *
 * The side of each rule follows ovn-northd: what it ignores until the
 * configuration is complete is incomplete here; what ovn-nbctl or the
 * OVSDB schema refuses stays an error of the validator.
 *
 *   port     localnet/l2gateway without options:network_name, l2gateway
 *            without options:l2gateway-chassis or naming a chassis not
 *            defined yet, external without an HA chassis group, a
 *            container port whose parent does not exist yet or is not
 *            bound to any chassis, a router port whose options:router-port
 *            names no logical router port yet
 *   vif      a chassis' interface naming a port not created yet
 *   binding  a port bound to a chassis not defined yet
 *   member   an HA group member naming a chassis not defined yet
 *   gateway  a router port's gateway chassis naming a chassis not defined
 *            yet (lrp-set-gateway-chassis takes any name, as in OVN)
 *   router   a gateway router whose options:chassis names a chassis not
 *            defined yet: it runs on no chassis until that one appears
 *   route    a static route whose output_port is not a port of its
 *            router (lrp-del leaves the route behind), or whose nexthop is
 *            in none of the router's networks: ovn-northd finds no port to
 *            send it through
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/incomplete.h"
#include "util/cidr.h"
#include "util/prefix.h"
#include "model/validate/validate.h"

struct incomplete_pass {
	struct xovn_inactive_list *out;
	const struct vnames *names;
	struct name_index bound;    /* ports attached or bound to an existing chassis */
};

void xovn_inactive_init(struct xovn_inactive_list *l)
{
	memset(l, 0, sizeof(*l));
}

void xovn_inactive_free(struct xovn_inactive_list *l)
{
	free(l->v);
	xovn_inactive_init(l);
}

/* The item appended, NULL when out of memory. */
static struct xovn_inactive *add(struct xovn_inactive_list *l, enum xovn_inactive_kind kind,
				 const char *name, const char *owner, const char *path,
				 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static struct xovn_inactive *add(struct xovn_inactive_list *l, enum xovn_inactive_kind kind,
				 const char *name, const char *owner, const char *path,
				 const char *fmt, ...)
{
	struct xovn_inactive *it;
	va_list ap;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct xovn_inactive *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	snprintf(it->name, sizeof(it->name), "%s", name);
	snprintf(it->owner, sizeof(it->owner), "%s", owner ? owner : "");
	snprintf(it->path, sizeof(it->path), "%s", path);
	va_start(ap, fmt);
	vsnprintf(it->reason, sizeof(it->reason), fmt, ap);
	va_end(ap);
	return it;
}

static int chassis_exists(const struct incomplete_pass *p, const char *name)
{
	return !p->names->chassis || vnames_chassis(p->names, name);
}

/*
 * A switch port of type router is one end of a patch: the other end,
 * options:router-port, must exist.  Without the option the port stands
 * for a router outside the model and answers for its addresses.
 */
static const char *router_port_lacks(const struct incomplete_pass *p,
				      const struct xovn_lsp *port, const char *type, char *buf,
				      size_t len)
{
	const char *peer = xovn_smap_get(&port->options, "router-port");

	if (strcmp(type, "router") != 0 || !peer || !p->names->lrps || vnames_lrp(p->names, peer))
		return NULL;
	snprintf(buf, len, "router-port \"%s\" is not a logical router port yet", peer);
	return buf;
}

/* What a port of this type still needs before it can be compiled; NULL when nothing. */
static const char *port_lacks(const struct incomplete_pass *p, const struct xovn_lsp *port,
			      char *buf, size_t len)
{
	const char *type = lsp_type(port);
	const char *parent = ref_name(port->parent_name), *gw;
	int l2gw = strcmp(type, "l2gateway") == 0;

	if ((l2gw || strcmp(type, "localnet") == 0) &&
	    !xovn_smap_get(&port->options, "network_name")) {
		snprintf(buf, len, "%s port needs options:network_name", l2gw ? "an l2gateway" : "a localnet");
		return buf;
	}
	if (l2gw && !(gw = xovn_smap_get(&port->options, "l2gateway-chassis")))
		return "an l2gateway port needs options:l2gateway-chassis";
	if (l2gw && !chassis_exists(p, gw)) {
		snprintf(buf, len, "l2gateway-chassis \"%s\" is not a chassis yet", gw);
		return buf;
	}
	if (strcmp(type, "external") == 0 && !(port->present & XOVN_LSP_HA_CHASSIS_GROUP))
		return "an external port needs an HA chassis group";
	if (parent && p->names->ports && !vnames_port(p->names, parent)) {
		snprintf(buf, len, "parent \"%s\" does not exist yet", parent);
		return buf;
	}
	if (parent && !name_index_get(&p->bound, parent)) {
		snprintf(buf, len, "parent \"%s\" is not bound to a chassis", parent);
		return buf;
	}
	return router_port_lacks(p, port, type, buf, len);
}

static void check_port(const struct xovn_lsp *port, void *arg)
{
	struct incomplete_pass *p = arg;
	char buf[192], path[128];
	const char *why;

	if (!port->name || !(why = port_lacks(p, port, buf, sizeof(buf))))
		return;
	add(p->out, XOVN_INACTIVE_PORT, port->name, NULL, lsp_path(path, sizeof(path), port, ""),
	    "%s", why);
}

/* Interfaces for ports that do not exist yet; the others make their port bound. */
static void check_vifs(struct incomplete_pass *p, const struct xovn_model *m)
{
	char path[128];

	for (size_t c = 0; c < m->n_chassis; c++) {
		const struct xovn_chassis *ch = &m->chassis[c];

		for (size_t v = 0; v < ch->n_vifs; v++) {
			const struct xovn_vif *vif = &ch->vifs[v];

			if (!vif->port)
				continue;
			if (!p->names->ports || vnames_vif_port(p->names, vif)) {
				name_index_put(&p->bound, vif->port, vif);
				continue;
			}
			snprintf(path, sizeof(path), "$.chassis[%zu].vifs[%zu]", ch->index, vif->index);
			add(p->out, XOVN_INACTIVE_VIF, vif->port, ch->name, path,
			    "interface %s names port \"%s\", which does not exist yet",
			    vif->iface ? vif->iface : "?", vif->port);
		}
	}
}

static void check_bindings(struct incomplete_pass *p, const struct xovn_model *m)
{
	char path[128];

	for (size_t k = 0; k < m->n_bindings; k++) {
		const struct xovn_binding *b = &m->bindings[k];

		if (!b->port || !b->chassis)
			continue;
		if (chassis_exists(p, b->chassis)) {
			name_index_put(&p->bound, b->port, b);
			continue;
		}
		snprintf(path, sizeof(path), "$.bindings[%zu]", b->index);
		add(p->out, XOVN_INACTIVE_BINDING, b->port, b->chassis, path,
		    "bound to chassis \"%s\", which is not defined yet", b->chassis);
	}
}

static void check_members(struct incomplete_pass *p, const struct xovn_model *m)
{
	char path[128];

	for (size_t g = 0; g < m->n_groups; g++) {
		const struct xovn_ha_group *group = &m->groups[g];

		for (size_t k = 0; k < group->n_members; k++) {
			const struct xovn_ha_member *member = &group->members[k];

			if (!member->chassis || chassis_exists(p, member->chassis))
				continue;
			snprintf(path, sizeof(path), "$.ha_chassis_groups[%zu].members[%zu]",
				 group->index, member->index);
			add(p->out, XOVN_INACTIVE_MEMBER, member->chassis, group->name, path,
			    "chassis \"%s\" is not defined yet", member->chassis);
		}
	}
}

static void check_gateways(struct incomplete_pass *p, const struct xovn_model *m)
{
	char path[128];

	for (size_t i = 0; i < m->n_routers; i++) {
		const struct xovn_lr *r = &m->routers[i];

		for (size_t j = 0; j < r->n_ports; j++) {
			const struct xovn_lrp *port = &r->ports[j];

			for (size_t k = 0; k < port->n_gateway_chassis; k++) {
				const struct xovn_gateway_chassis *gc = &port->gateway_chassis[k];

				if (!gc->chassis_name || !port->name ||
				    chassis_exists(p, gc->chassis_name))
					continue;
				snprintf(path, sizeof(path),
					 "$.logical_routers[%zu].ports[%zu].gateway_chassis[%zu]",
					 r->index, port->index, gc->index);
				add(p->out, XOVN_INACTIVE_GATEWAY, gc->chassis_name, port->name, path,
				    "chassis \"%s\" is not defined yet", gc->chassis_name);
			}
		}
	}
}

static void check_router_chassis(struct incomplete_pass *p, const struct xovn_model *m)
{
	char path[128];

	for (size_t i = 0; i < m->n_routers; i++) {
		const struct xovn_lr *r = &m->routers[i];
		const char *ch = xovn_smap_get(&r->options, "chassis");

		if (!ch || !r->name || chassis_exists(p, ch))
			continue;
		snprintf(path, sizeof(path), "$.logical_routers[%zu].options.chassis", r->index);
		add(p->out, XOVN_INACTIVE_ROUTER, r->name, ch, path,
		    "options:chassis \"%s\" is not a chassis yet, so it runs on no chassis", ch);
	}
}

/* The networks of router r that parse, into nets (room for every network of r). */
static size_t router_networks(const struct xovn_lr *r, struct xovn_ip *nets)
{
	size_t n = 0;

	for (size_t j = 0; j < r->n_ports; j++)
		for (size_t k = 0; k < r->ports[j].networks.n; k++) {
			const char *s = r->ports[j].networks.v[k];

			if (s && xovn_parse_prefix(s, XOVN_PLEN_REQUIRED, &nets[n]) == 0)
				n++;
		}
	return n;
}

static int reachable(const struct xovn_ip *nets, size_t n, const struct xovn_ip *addr)
{
	for (size_t i = 0; i < n; i++)
		if (xovn_cidr_contains(&nets[i], addr))
			return 1;
	return 0;
}

/* Why route rt of r has no port to leave by; NULL when it has one. */
static const char *route_lacks(const struct xovn_lr *r, const struct xovn_route *rt,
			       const struct xovn_ip *nets, size_t n, char *buf, size_t len)
{
	struct xovn_ip hop;
	int has_port = 0;

	if (rt->output_port) {
		for (size_t j = 0; j < r->n_ports; j++)
			has_port |= r->ports[j].name && strcmp(r->ports[j].name, rt->output_port) == 0;
		if (!has_port) {
			snprintf(buf, len, "output_port \"%s\" is not a port of router \"%s\"",
				 rt->output_port, r->name ? r->name : "?");
			return buf;
		}
	}
	if (!rt->nexthop || xovn_parse_prefix(rt->nexthop, XOVN_PLEN_NONE, &hop) < 0 ||
	    reachable(nets, n, &hop))
		return NULL;   /* "discard", or a nexthop on one of the router's subnets */
	snprintf(buf, len, "nexthop %s of %s is in none of router \"%s\"'s networks",
		 rt->nexthop, rt->ip_prefix ? rt->ip_prefix : "?", r->name ? r->name : "?");
	return buf;
}

static void check_router_routes(struct incomplete_pass *p, const struct xovn_lr *r)
{
	size_t total = 0, n;
	struct xovn_ip *nets;
	char path[128], buf[192];
	struct xovn_inactive *it;
	const char *why;

	for (size_t j = 0; j < r->n_ports; j++)
		total += r->ports[j].networks.n;
	nets = calloc(total ? total : 1, sizeof(*nets));
	if (!nets)
		return;
	n = router_networks(r, nets);
	for (size_t k = 0; k < r->n_routes; k++) {
		const struct xovn_route *rt = &r->routes[k];

		if (!(why = route_lacks(r, rt, nets, n, buf, sizeof(buf))))
			continue;
		snprintf(path, sizeof(path), "$.logical_routers[%zu].static_routes[%zu]", r->index,
			 rt->index);
		it = add(p->out, XOVN_INACTIVE_ROUTE, rt->nexthop ? rt->nexthop : "", r->name, path,
			 "%s", why);
		if (it) {
			it->at[0] = r->index;
			it->at[1] = rt->index;
		}
	}
	free(nets);
}

static void check_routes(struct incomplete_pass *p, const struct xovn_model *m)
{
	for (size_t i = 0; i < m->n_routers; i++)
		check_router_routes(p, &m->routers[i]);
}

/* Every port attached or bound: one slot each, so the index is sized once. */
static size_t bound_candidates(const struct xovn_model *m)
{
	size_t n = m->n_bindings;

	for (size_t c = 0; c < m->n_chassis; c++)
		n += m->chassis[c].n_vifs;
	return n;
}

size_t vincomplete(const struct xovn_model *m, const struct vnames *names,
		   struct xovn_inactive_list *out)
{
	size_t before = out->n;
	struct incomplete_pass p = { .out = out, .names = names };

	name_index_init(&p.bound);
	name_index_reserve(&p.bound, bound_candidates(m));
	check_vifs(&p, m);
	check_bindings(&p, m);
	check_members(&p, m);
	check_gateways(&p, m);
	check_router_chassis(&p, m);
	for_each_port(m, check_port, &p);
	check_routes(&p, m);
	name_index_free(&p.bound);
	return out->n - before;
}

size_t xovn_model_incomplete_typed(const struct xovn_model *m, struct xovn_inactive_list *out)
{
	struct vnames names;
	size_t n;

	vnames_build(&names, m);
	n = vincomplete(m, &names, out);
	vnames_free(&names);
	return n;
}

size_t xovn_model_incomplete(const json_t *model, struct xovn_inactive_list *out)
{
	struct xovn_model *m = xovn_model_read(model);
	size_t n;

	if (!m)
		return 0;
	n = xovn_model_incomplete_typed(m, out);
	xovn_model_free(m);
	return n;
}

const char *xovn_inactive_port_reason(const struct xovn_inactive_list *l, const char *port)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == XOVN_INACTIVE_PORT && strcmp(l->v[i].name, port) == 0)
			return l->v[i].reason;
	return NULL;
}

void xovn_inactive_print(const struct xovn_inactive_list *l, const char *prefix, FILE *f)
{
	static const char *const what[] = {
		[XOVN_INACTIVE_PORT] = "port",
		[XOVN_INACTIVE_VIF] = "interface of chassis",
		[XOVN_INACTIVE_BINDING] = "binding of port",
		[XOVN_INACTIVE_MEMBER] = "member of HA chassis group",
		[XOVN_INACTIVE_ROUTE] = "static route of router",
		[XOVN_INACTIVE_GATEWAY] = "gateway chassis of router port",
		[XOVN_INACTIVE_ROUTER] = "gateway router",
	};

	for (size_t i = 0; i < l->n; i++) {
		const struct xovn_inactive *it = &l->v[i];
		const char *subject = it->kind == XOVN_INACTIVE_VIF ||
						      it->kind == XOVN_INACTIVE_MEMBER ||
						      it->kind == XOVN_INACTIVE_ROUTE ||
						      it->kind == XOVN_INACTIVE_GATEWAY
					      ? it->owner : it->name;

		fprintf(f, "%swarning: %s %s is inactive: %s\n", prefix, what[it->kind], subject,
			it->reason);
	}
}
