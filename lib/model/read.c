// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * read.c - a jansson model document into the typed structs of types.h.
 *
 * The only place besides the schema pass and xovnctl's generic commands
 * that walks the document's members by name.  Tolerant by design (see
 * types.h): the schema pass reports wrong types, this reader skips them.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/types.h"

static const char *str_member(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static int64_t int_member(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

static int has_int_member(const json_t *obj, const char *key)
{
	return json_is_integer(json_object_get(obj, key));
}

static enum xovn_tristate bool_member(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	if (!json_is_boolean(v))
		return XOVN_UNSET;
	return json_is_true(v) ? XOVN_TRUE : XOVN_FALSE;
}

static int read_strv(const json_t *arr, struct xovn_strv *out)
{
	size_t n = json_is_array(arr) ? json_array_size(arr) : 0;

	out->n = 0;
	out->v = NULL;
	if (!n)
		return 0;
	out->v = calloc(n, sizeof(*out->v));
	if (!out->v)
		return -1;
	for (size_t i = 0; i < n; i++)
		out->v[i] = json_string_value(json_array_get(arr, i));
	out->n = n;
	return 0;
}

static int read_smap(const json_t *obj, struct xovn_smap *out)
{
	size_t n = json_is_object(obj) ? json_object_size(obj) : 0;
	const char *key;
	json_t *value;

	out->n = 0;
	out->v = NULL;
	if (!n)
		return 0;
	out->v = calloc(n, sizeof(*out->v));
	if (!out->v)
		return -1;
	json_object_foreach((json_t *)obj, key, value) {
		if (!json_is_string(value))
			continue;
		out->v[out->n].key = key;
		out->v[out->n].value = json_string_value(value);
		out->n++;
	}
	return 0;
}

const char *xovn_smap_get(const struct xovn_smap *m, const char *key)
{
	if (!key)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].key, key) == 0)
			return m->v[i].value;
	return NULL;
}

/*
 * Calls read_one(element, typed slot, its index, arg) for every object of
 * arr, packing the slots; *n gets the number read.  Non-objects are skipped
 * (their index is simply missing).  -1 when out of memory.
 */
typedef int (*read_fn)(const json_t *obj, void *slot, size_t index, const void *arg);

static int read_objects(const json_t *arr, size_t size, read_fn read_one, const void *arg,
			void **out, size_t *n)
{
	size_t cap = json_is_array(arr) ? json_array_size(arr) : 0;
	char *v;

	*out = NULL;
	*n = 0;
	if (!cap)
		return 0;
	v = calloc(cap, size);
	if (!v)
		return -1;
	*out = v;
	for (size_t i = 0; i < cap; i++) {
		const json_t *obj = json_array_get(arr, i);

		if (!json_is_object(obj))
			continue;
		if (read_one(obj, v + *n * size, i, arg) < 0)
			return -1;
		(*n)++;
	}
	return 0;
}

#define READ_OBJECTS(arr, ptr, count, fn, arg) \
	read_objects((arr), sizeof(*(ptr)), (fn), (arg), (void **)&(ptr), &(count))

/* ---- switches ---------------------------------------------------------- */

static int read_lsp(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_lsp *p = slot;
	const json_t *tag = json_object_get(o, "tag");

	p->uuid = str_member(o, "_uuid");
	p->name = str_member(o, "name");
	p->type = str_member(o, "type");
	p->kind = xovn_port_type_from_str(p->type ? p->type : "");
	if (json_object_get(o, "type") && !p->type)
		p->kind = -1;
	p->tunnel_key = int_member(o, "tunnel_key");
	p->has_tunnel_key = has_int_member(o, "tunnel_key");
	p->parent_name = str_member(o, "parent_name");
	p->has_tag = json_is_integer(tag);
	p->tag = p->has_tag ? (int64_t)json_integer_value(tag) : 0;
	p->ha_chassis_group = str_member(o, "ha_chassis_group");
	p->dhcpv4_options = str_member(o, "dhcpv4_options");
	p->dhcpv6_options = str_member(o, "dhcpv6_options");
	p->present = (json_object_get(o, "tag") ? XOVN_LSP_TAG : 0) |
		     (json_object_get(o, "parent_name") ? XOVN_LSP_PARENT_NAME : 0) |
		     (json_object_get(o, "ha_chassis_group") ? XOVN_LSP_HA_CHASSIS_GROUP : 0);
	p->ls = arg;
	p->index = index;
	if (read_strv(json_object_get(o, "addresses"), &p->addresses) < 0 ||
	    read_strv(json_object_get(o, "port_security"), &p->port_security) < 0 ||
	    read_smap(json_object_get(o, "options"), &p->options) < 0)
		return -1;
	return 0;
}

static void free_lsp(struct xovn_lsp *p)
{
	free(p->addresses.v);
	free(p->port_security.v);
	free(p->options.v);
}

void xovn_ls_free(struct xovn_ls *ls)
{
	if (!ls)
		return;
	for (size_t i = 0; i < ls->n_ports; i++)
		free_lsp(&ls->ports[i]);
	free(ls->ports);
	free(ls);
}

struct xovn_ls *xovn_ls_read(const json_t *sw, size_t index)
{
	struct xovn_ls *ls = calloc(1, sizeof(*ls));

	if (!ls)
		return NULL;
	ls->uuid = str_member(sw, "_uuid");
	ls->name = str_member(sw, "name");
	ls->tunnel_key = int_member(sw, "tunnel_key");
	ls->has_tunnel_key = has_int_member(sw, "tunnel_key");
	ls->index = index;
	if (READ_OBJECTS(json_object_get(sw, "ports"), ls->ports, ls->n_ports, read_lsp, ls) < 0) {
		xovn_ls_free(ls);
		return NULL;
	}
	return ls;
}

/* ---- routers ----------------------------------------------------------- */

static int read_gateway_chassis(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_gateway_chassis *g = slot;
	const json_t *prio = json_object_get(o, "priority");

	(void)arg;
	g->uuid = str_member(o, "_uuid");
	g->name = str_member(o, "name");
	g->chassis_name = str_member(o, "chassis_name");
	g->has_priority = json_is_integer(prio);
	g->priority = g->has_priority ? (int64_t)json_integer_value(prio) : 0;
	g->index = index;
	return 0;
}

static int read_lrp(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_lrp *p = slot;

	p->uuid = str_member(o, "_uuid");
	p->name = str_member(o, "name");
	p->mac = str_member(o, "mac");
	p->tunnel_key = int_member(o, "tunnel_key");
	p->has_tunnel_key = has_int_member(o, "tunnel_key");
	p->peer = str_member(o, "peer");
	p->enabled = bool_member(o, "enabled");
	p->ha_chassis_group = str_member(o, "ha_chassis_group");
	p->lr = arg;
	p->index = index;
	if (read_strv(json_object_get(o, "networks"), &p->networks) < 0 ||
	    read_smap(json_object_get(o, "options"), &p->options) < 0 ||
	    READ_OBJECTS(json_object_get(o, "gateway_chassis"), p->gateway_chassis,
			 p->n_gateway_chassis, read_gateway_chassis, NULL) < 0)
		return -1;
	return 0;
}

static int read_route(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_route *r = slot;

	(void)arg;
	r->uuid = str_member(o, "_uuid");
	r->ip_prefix = str_member(o, "ip_prefix");
	r->nexthop = str_member(o, "nexthop");
	r->output_port = str_member(o, "output_port");
	r->policy = str_member(o, "policy");
	r->route_table = str_member(o, "route_table");
	r->index = index;
	return 0;
}

static int read_nat(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_nat *n = slot;

	(void)arg;
	n->uuid = str_member(o, "_uuid");
	n->type = str_member(o, "type");
	n->external_ip = str_member(o, "external_ip");
	n->logical_ip = str_member(o, "logical_ip");
	n->logical_port = str_member(o, "logical_port");
	n->external_mac = str_member(o, "external_mac");
	n->external_port_range = str_member(o, "external_port_range");
	n->index = index;
	return read_smap(json_object_get(o, "options"), &n->options);
}

static int read_lr(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_lr *r = slot;

	(void)arg;
	r->uuid = str_member(o, "_uuid");
	r->name = str_member(o, "name");
	r->tunnel_key = int_member(o, "tunnel_key");
	r->has_tunnel_key = has_int_member(o, "tunnel_key");
	r->enabled = bool_member(o, "enabled");
	r->index = index;
	if (read_smap(json_object_get(o, "options"), &r->options) < 0 ||
	    READ_OBJECTS(json_object_get(o, "ports"), r->ports, r->n_ports, read_lrp, r) < 0 ||
	    READ_OBJECTS(json_object_get(o, "static_routes"), r->routes, r->n_routes, read_route,
			 NULL) < 0 ||
	    READ_OBJECTS(json_object_get(o, "nat"), r->nat, r->n_nat, read_nat, NULL) < 0)
		return -1;
	return 0;
}

static void free_lr(struct xovn_lr *r)
{
	for (size_t i = 0; i < r->n_ports; i++) {
		free(r->ports[i].networks.v);
		free(r->ports[i].options.v);
		free(r->ports[i].gateway_chassis);
	}
	free(r->ports);
	free(r->routes);
	for (size_t i = 0; i < r->n_nat; i++)
		free(r->nat[i].options.v);
	free(r->nat);
	free(r->options.v);
}

/* ---- chassis, groups, bindings, DHCP ----------------------------------- */

static int read_vif(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_vif *v = slot;

	(void)arg;
	v->iface = str_member(o, "iface");
	v->port = str_member(o, "port");
	v->index = index;
	return 0;
}

static int read_chassis(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_chassis *c = slot;
	const json_t *encap = json_object_get(o, "encap");

	(void)arg;
	c->uuid = str_member(o, "_uuid");
	c->name = str_member(o, "name");
	c->encap_type = str_member(encap, "type");
	c->encap_ip = str_member(encap, "ip");
	c->encap_iface = str_member(o, "encap_iface");
	c->state = str_member(o, "state");
	c->index = index;
	if (read_smap(json_object_get(o, "bridge_mappings"), &c->bridge_mappings) < 0 ||
	    READ_OBJECTS(json_object_get(o, "vifs"), c->vifs, c->n_vifs, read_vif, NULL) < 0)
		return -1;
	return 0;
}

static int read_member(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_ha_member *m = slot;
	const json_t *prio = json_object_get(o, "priority");

	(void)arg;
	m->uuid = str_member(o, "_uuid");
	m->chassis = str_member(o, "chassis");
	m->has_priority = json_is_integer(prio);
	m->priority = m->has_priority ? (int64_t)json_integer_value(prio) : 0;
	m->index = index;
	return 0;
}

static int read_group(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_ha_group *g = slot;

	(void)arg;
	g->uuid = str_member(o, "_uuid");
	g->name = str_member(o, "name");
	g->index = index;
	return READ_OBJECTS(json_object_get(o, "members"), g->members, g->n_members, read_member,
			    NULL);
}

static int read_binding(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_binding *b = slot;

	(void)arg;
	b->port = str_member(o, "port");
	b->chassis = str_member(o, "chassis");
	b->index = index;
	return 0;
}

static int read_dhcp(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_dhcp_row *d = slot;

	(void)arg;
	d->uuid = str_member(o, "_uuid");
	d->cidr = str_member(o, "cidr");
	d->index = index;
	if (read_smap(json_object_get(o, "options"), &d->options) < 0 ||
	    read_smap(json_object_get(o, "external_ids"), &d->external_ids) < 0)
		return -1;
	return 0;
}

/* ---- the model --------------------------------------------------------- */

/* Sets bit in m->arrays or m->absent by what doc[key] is; returns doc[key]. */
static const json_t *list_member(struct xovn_model *m, const json_t *doc, const char *key,
				 unsigned bit)
{
	const json_t *v = json_object_get(doc, key);

	if (!v)
		m->absent |= bit;
	else if (json_is_array(v))
		m->arrays |= bit;
	return v;
}

static int every_switch_has_ports(const json_t *arr)
{
	size_t i;
	json_t *sw;

	if (!json_is_array(arr))
		return 0;
	json_array_foreach(arr, i, sw)
		if (!json_is_array(json_object_get(sw, "ports")))
			return 0;
	return 1;
}

static int read_switches(const json_t *arr, struct xovn_model *m)
{
	size_t cap = json_is_array(arr) ? json_array_size(arr) : 0;

	if (every_switch_has_ports(arr))
		m->arrays |= XOVN_LIST_PORTS;

	if (!cap)
		return 0;
	m->switches = calloc(cap, sizeof(*m->switches));
	if (!m->switches)
		return -1;
	for (size_t i = 0; i < cap; i++) {
		const json_t *sw = json_array_get(arr, i);

		if (!json_is_object(sw))
			continue;
		m->switches[m->n_switches] = xovn_ls_read(sw, i);
		if (!m->switches[m->n_switches])
			return -1;
		m->n_switches++;
	}
	return 0;
}

struct xovn_model *xovn_model_read(const json_t *doc)
{
	struct xovn_model *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	if (!json_is_object(doc))
		return m;
	m->version = int_member(doc, "version");
	m->generation = int_member(doc, "generation");
	if (read_switches(list_member(m, doc, "logical_switches", XOVN_LIST_SWITCHES), m) < 0 ||
	    READ_OBJECTS(list_member(m, doc, "logical_routers", XOVN_LIST_ROUTERS), m->routers,
			 m->n_routers, read_lr, NULL) < 0 ||
	    READ_OBJECTS(list_member(m, doc, "chassis", XOVN_LIST_CHASSIS), m->chassis,
			 m->n_chassis, read_chassis, NULL) < 0 ||
	    READ_OBJECTS(list_member(m, doc, "ha_chassis_groups", XOVN_LIST_GROUPS), m->groups,
			 m->n_groups, read_group, NULL) < 0 ||
	    READ_OBJECTS(list_member(m, doc, "bindings", XOVN_LIST_BINDINGS), m->bindings,
			 m->n_bindings, read_binding, NULL) < 0 ||
	    READ_OBJECTS(list_member(m, doc, "dhcp_options", XOVN_LIST_DHCP), m->dhcp_options,
			 m->n_dhcp_options, read_dhcp, NULL) < 0) {
		xovn_model_free(m);
		return NULL;
	}
	return m;
}

void xovn_model_free(struct xovn_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n_switches; i++)
		xovn_ls_free(m->switches[i]);
	free(m->switches);
	for (size_t i = 0; i < m->n_routers; i++)
		free_lr(&m->routers[i]);
	free(m->routers);
	for (size_t i = 0; i < m->n_chassis; i++) {
		free(m->chassis[i].bridge_mappings.v);
		free(m->chassis[i].vifs);
	}
	free(m->chassis);
	for (size_t i = 0; i < m->n_groups; i++)
		free(m->groups[i].members);
	free(m->groups);
	free(m->bindings);
	for (size_t i = 0; i < m->n_dhcp_options; i++) {
		free(m->dhcp_options[i].options.v);
		free(m->dhcp_options[i].external_ids.v);
	}
	free(m->dhcp_options);
	free(m);
}

/* ---- lookups ----------------------------------------------------------- */

static int same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

const struct xovn_ls *xovn_model_switch(const struct xovn_model *m, const char *name)
{
	for (size_t i = 0; i < m->n_switches; i++)
		if (same(m->switches[i]->name, name))
			return m->switches[i];
	return NULL;
}

const struct xovn_lsp *xovn_model_port(const struct xovn_model *m, const char *name)
{
	for (size_t i = 0; i < m->n_switches; i++)
		for (size_t j = 0; j < m->switches[i]->n_ports; j++)
			if (same(m->switches[i]->ports[j].name, name))
				return &m->switches[i]->ports[j];
	return NULL;
}

const struct xovn_chassis *xovn_model_chassis(const struct xovn_model *m, const char *name)
{
	for (size_t i = 0; i < m->n_chassis; i++)
		if (same(m->chassis[i].name, name))
			return &m->chassis[i];
	return NULL;
}

const struct xovn_ha_group *xovn_model_group(const struct xovn_model *m, const char *name)
{
	for (size_t i = 0; i < m->n_groups; i++)
		if (same(m->groups[i].name, name))
			return &m->groups[i];
	return NULL;
}

const struct xovn_lr *xovn_model_router(const struct xovn_model *m, const char *name)
{
	for (size_t i = 0; i < m->n_routers; i++)
		if (same(m->routers[i].name, name))
			return &m->routers[i];
	return NULL;
}
