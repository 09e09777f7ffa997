// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * read.c - a jansson model document into the typed structs of types.h.
 *
 * The only place besides the schema pass and xovnctl's generic commands
 * that walks the document's members by name.  Tolerant by design (see
 * types.h): the schema pass reports wrong types, this reader skips them.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/types.h"

static const char *str_member(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static int64_t int_value(const json_t *v)
{
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

static int64_t int_member(const json_t *obj, const char *key)
{
	return int_value(json_object_get(obj, key));
}

static enum xovn_tristate bool_value(const json_t *v)
{
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

/*
 * The plain members of a table: one row per member, the reader does the
 * rest.  Members that need more (nested objects, presence bits) are read
 * by hand next to the table.
 */
enum field_kind {
	F_STR,        /* const char * */
	F_INT,        /* int64_t, 0 unless an integer */
	F_HAS_INT,    /* int: the member is an integer */
	F_BOOL,       /* enum xovn_tristate */
	F_STRV,       /* struct xovn_strv */
	F_SMAP,       /* struct xovn_smap */
};

struct field {
	const char *key;
	enum field_kind kind;
	size_t offset;
};

#define FIELD(type, member, key, kind) { (key), (kind), offsetof(type, member) }
#define FIELD_COUNT(table) (sizeof(table) / sizeof((table)[0]))

/* Member f of obj from its value v (NULL: absent).  -1 when out of memory. */
static int read_field(const json_t *v, char *obj, const struct field *f)
{
	void *at = obj + f->offset;

	switch (f->kind) {
	case F_STR:
		*(const char **)at = json_string_value(v);
		return 0;
	case F_INT:
		*(int64_t *)at = int_value(v);
		return 0;
	case F_HAS_INT:
		*(int *)at = json_is_integer(v);
		return 0;
	case F_BOOL:
		*(enum xovn_tristate *)at = bool_value(v);
		return 0;
	case F_STRV:
		return read_strv(v, at);
	case F_SMAP:
		return read_smap(v, at);
	}
	return 0;
}

/*
 * Reads every member of table into obj.  -1 when out of memory.  The
 * object's members are walked once, in the order they were parsed (and
 * allocated), instead of one hash lookup per table row: most rows are
 * absent from most objects, and on a big document each lookup is a cache
 * miss into the object's bucket array.
 */
static int read_fields(const json_t *o, void *obj, const struct field *table, size_t n)
{
	const char *key;
	json_t *value;

	for (size_t i = 0; i < n; i++)
		read_field(NULL, obj, &table[i]);
	json_object_foreach((json_t *)o, key, value) {
		for (size_t i = 0; i < n; i++)
			if (key[0] == table[i].key[0] && strcmp(key, table[i].key) == 0 &&
			    read_field(value, obj, &table[i]) < 0)
				return -1;
	}
	return 0;
}

#define READ_FIELDS(o, obj, table) read_fields((o), (obj), (table), FIELD_COUNT(table))

/* ---- switches ---------------------------------------------------------- */

#define LSP(member, key, kind) FIELD(struct xovn_lsp, member, key, kind)
static const struct field lsp_fields[] = {
	LSP(uuid, "_uuid", F_STR),
	LSP(name, "name", F_STR),
	LSP(type, "type", F_STR),
	LSP(tunnel_key, "tunnel_key", F_INT),
	LSP(has_tunnel_key, "tunnel_key", F_HAS_INT),
	LSP(parent_name, "parent_name", F_STR),
	LSP(tag, "tag", F_INT),
	LSP(has_tag, "tag", F_HAS_INT),
	LSP(ha_chassis_group, "ha_chassis_group", F_STR),
	LSP(dhcpv4_options, "dhcpv4_options", F_STR),
	LSP(dhcpv6_options, "dhcpv6_options", F_STR),
	LSP(addresses, "addresses", F_STRV),
	LSP(port_security, "port_security", F_STRV),
	LSP(options, "options", F_SMAP),
};

static int read_lsp(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_lsp *p = slot;

	if (READ_FIELDS(o, p, lsp_fields) < 0)
		return -1;
	p->kind = xovn_port_type_from_str(p->type ? p->type : "");
	if (json_object_get(o, "type") && !p->type)
		p->kind = -1;
	p->present = (json_object_get(o, "tag") ? XOVN_LSP_TAG : 0) |
		     (json_object_get(o, "parent_name") ? XOVN_LSP_PARENT_NAME : 0) |
		     (json_object_get(o, "ha_chassis_group") ? XOVN_LSP_HA_CHASSIS_GROUP : 0);
	p->ls = arg;
	p->index = index;
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

#define LS(member, key, kind) FIELD(struct xovn_ls, member, key, kind)
static const struct field ls_fields[] = {
	LS(uuid, "_uuid", F_STR),
	LS(name, "name", F_STR),
	LS(tunnel_key, "tunnel_key", F_INT),
	LS(has_tunnel_key, "tunnel_key", F_HAS_INT),
};

struct xovn_ls *xovn_ls_read(const json_t *sw, size_t index)
{
	struct xovn_ls *ls = calloc(1, sizeof(*ls));

	if (!ls)
		return NULL;
	ls->index = index;
	if (READ_FIELDS(sw, ls, ls_fields) < 0 ||
	    READ_OBJECTS(json_object_get(sw, "ports"), ls->ports, ls->n_ports, read_lsp, ls) < 0) {
		xovn_ls_free(ls);
		return NULL;
	}
	return ls;
}

/* ---- routers ----------------------------------------------------------- */

#define GWC(member, key, kind) FIELD(struct xovn_gateway_chassis, member, key, kind)
static const struct field gateway_chassis_fields[] = {
	GWC(uuid, "_uuid", F_STR),
	GWC(name, "name", F_STR),
	GWC(chassis_name, "chassis_name", F_STR),
	GWC(priority, "priority", F_INT),
	GWC(has_priority, "priority", F_HAS_INT),
};

static int read_gateway_chassis(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_gateway_chassis *g = slot;

	(void)arg;
	g->index = index;
	return READ_FIELDS(o, g, gateway_chassis_fields);
}

#define LRP(member, key, kind) FIELD(struct xovn_lrp, member, key, kind)
static const struct field lrp_fields[] = {
	LRP(uuid, "_uuid", F_STR),
	LRP(name, "name", F_STR),
	LRP(mac, "mac", F_STR),
	LRP(tunnel_key, "tunnel_key", F_INT),
	LRP(has_tunnel_key, "tunnel_key", F_HAS_INT),
	LRP(peer, "peer", F_STR),
	LRP(enabled, "enabled", F_BOOL),
	LRP(networks, "networks", F_STRV),
	LRP(options, "options", F_SMAP),
	LRP(ha_chassis_group, "ha_chassis_group", F_STR),
	LRP(ipv6_ra_configs, "ipv6_ra_configs", F_SMAP),
};

static int read_lrp(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_lrp *p = slot;

	p->lr = arg;
	p->index = index;
	if (READ_FIELDS(o, p, lrp_fields) < 0 ||
	    READ_OBJECTS(json_object_get(o, "gateway_chassis"), p->gateway_chassis,
			 p->n_gateway_chassis, read_gateway_chassis, NULL) < 0)
		return -1;
	return 0;
}

#define ROUTE(member, key) FIELD(struct xovn_route, member, key, F_STR)
static const struct field route_fields[] = {
	ROUTE(uuid, "_uuid"),
	ROUTE(ip_prefix, "ip_prefix"),
	ROUTE(nexthop, "nexthop"),
	ROUTE(output_port, "output_port"),
	ROUTE(policy, "policy"),
	ROUTE(route_table, "route_table"),
};

static int read_route(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_route *r = slot;

	(void)arg;
	r->index = index;
	return READ_FIELDS(o, r, route_fields);
}

#define NAT(member, key, kind) FIELD(struct xovn_nat, member, key, kind)
static const struct field nat_fields[] = {
	NAT(uuid, "_uuid", F_STR),
	NAT(type, "type", F_STR),
	NAT(external_ip, "external_ip", F_STR),
	NAT(logical_ip, "logical_ip", F_STR),
	NAT(logical_port, "logical_port", F_STR),
	NAT(external_mac, "external_mac", F_STR),
	NAT(external_port_range, "external_port_range", F_STR),
	NAT(options, "options", F_SMAP),
};

static int read_nat(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_nat *n = slot;

	(void)arg;
	n->index = index;
	return READ_FIELDS(o, n, nat_fields);
}

#define LR(member, key, kind) FIELD(struct xovn_lr, member, key, kind)
static const struct field lr_fields[] = {
	LR(uuid, "_uuid", F_STR),
	LR(name, "name", F_STR),
	LR(tunnel_key, "tunnel_key", F_INT),
	LR(has_tunnel_key, "tunnel_key", F_HAS_INT),
	LR(enabled, "enabled", F_BOOL),
	LR(options, "options", F_SMAP),
};

static int read_lr(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_lr *r = slot;

	(void)arg;
	r->index = index;
	if (READ_FIELDS(o, r, lr_fields) < 0 ||
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
		free(r->ports[i].ipv6_ra_configs.v);
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

static const struct field vif_fields[] = {
	FIELD(struct xovn_vif, iface, "iface", F_STR),
	FIELD(struct xovn_vif, port, "port", F_STR),
};

static int read_vif(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_vif *v = slot;

	(void)arg;
	v->index = index;
	return READ_FIELDS(o, v, vif_fields);
}

#define CHASSIS(member, key, kind) FIELD(struct xovn_chassis, member, key, kind)
static const struct field chassis_fields[] = {
	CHASSIS(uuid, "_uuid", F_STR),
	CHASSIS(name, "name", F_STR),
	CHASSIS(encap_iface, "encap_iface", F_STR),
	CHASSIS(state, "state", F_STR),
	CHASSIS(bridge_mappings, "bridge_mappings", F_SMAP),
};

static int read_chassis(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_chassis *c = slot;
	const json_t *encap = json_object_get(o, "encap");

	(void)arg;
	c->encap_type = str_member(encap, "type");
	c->encap_ip = str_member(encap, "ip");
	c->index = index;
	if (READ_FIELDS(o, c, chassis_fields) < 0 ||
	    READ_OBJECTS(json_object_get(o, "vifs"), c->vifs, c->n_vifs, read_vif, NULL) < 0)
		return -1;
	return 0;
}

#define MEMBER(member, key, kind) FIELD(struct xovn_ha_member, member, key, kind)
static const struct field member_fields[] = {
	MEMBER(uuid, "_uuid", F_STR),
	MEMBER(chassis, "chassis", F_STR),
	MEMBER(priority, "priority", F_INT),
	MEMBER(has_priority, "priority", F_HAS_INT),
};

static int read_member(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_ha_member *m = slot;

	(void)arg;
	m->index = index;
	return READ_FIELDS(o, m, member_fields);
}

static const struct field group_fields[] = {
	FIELD(struct xovn_ha_group, uuid, "_uuid", F_STR),
	FIELD(struct xovn_ha_group, name, "name", F_STR),
};

static int read_group(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_ha_group *g = slot;

	(void)arg;
	g->index = index;
	if (READ_FIELDS(o, g, group_fields) < 0)
		return -1;
	return READ_OBJECTS(json_object_get(o, "members"), g->members, g->n_members, read_member,
			    NULL);
}

static const struct field binding_fields[] = {
	FIELD(struct xovn_binding, port, "port", F_STR),
	FIELD(struct xovn_binding, chassis, "chassis", F_STR),
};

static int read_binding(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_binding *b = slot;

	(void)arg;
	b->index = index;
	return READ_FIELDS(o, b, binding_fields);
}

#define DHCP(member, key, kind) FIELD(struct xovn_dhcp_row, member, key, kind)
static const struct field dhcp_fields[] = {
	DHCP(uuid, "_uuid", F_STR),
	DHCP(cidr, "cidr", F_STR),
	DHCP(options, "options", F_SMAP),
	DHCP(external_ids, "external_ids", F_SMAP),
};

static int read_dhcp(const json_t *o, void *slot, size_t index, const void *arg)
{
	struct xovn_dhcp_row *d = slot;

	(void)arg;
	d->index = index;
	return READ_FIELDS(o, d, dhcp_fields);
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
	xovn_model_resolve(m);  /* left unresolved, readers look names up themselves */
	return m;
}

void xovn_model_free(struct xovn_model *m)
{
	if (!m)
		return;
	xovn_model_unresolve(m);
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
