// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * schema.c - the rules of schemas/nb.schema.json in C.
 *
 * Each object of the schema is a table of its members and the check of each
 * member's value; the tables read like the schema, which keeps the two easy
 * to compare when either changes.
 */
#include <stdint.h>
#include <string.h>

#include "model/validate/schema_rules.h"
#include "xovn_maps.h"

void vcheck_object(struct vctx *c, const json_t *v, const struct object_rule *r)
{
	const char *key;
	json_t *member;
	void *it;

	if (!vcheck_type(c, v, JSON_OBJECT, "an object"))
		return;
	for (const char *const *req = r->required; *req; req++) {
		if (json_object_get(v, *req))
			continue;
		size_t old = vpath_key(&c->path, *req);
		vreport(c, "required", "\"%s\" is required", *req);
		vpath_restore(&c->path, old);
	}
	for (it = json_object_iter((json_t *)v); it; it = json_object_iter_next((json_t *)v, it)) {
		const struct field *f = r->fields;
		size_t old;

		key = json_object_iter_key(it);
		member = json_object_iter_value(it);
		while (f->key && strcmp(f->key, key) != 0)
			f++;
		old = vpath_key(&c->path, key);
		if (f->key)
			f->check(c, member);
		else if (r->other_members)
			r->other_members(c, member);
		else
			vreport(c, "additional-property", "unknown member \"%s\"", key);
		vpath_restore(&c->path, old);
	}
	if (r->whole)
		r->whole(c, v);
}

void vcheck_array(struct vctx *c, const json_t *v, value_check item)
{
	size_t i;
	json_t *elem;

	if (!vcheck_type(c, v, JSON_ARRAY, "an array"))
		return;
	json_array_foreach(v, i, elem) {
		size_t old = vpath_index(&c->path, i);

		item(c, elem);
		vpath_restore(&c->path, old);
	}
}

/* ---- leaves ----------------------------------------------------------------- */

static void check_version(struct vctx *c, const json_t *v)
{
	if (!json_is_integer(v) || json_integer_value(v) != 1)
		vreport(c, "const", "only version 1 is known");
}

static void check_generation(struct vctx *c, const json_t *v)
{
	vcheck_int_range(c, v, 0, INT64_MAX);
}

static void check_switch_key(struct vctx *c, const json_t *v)
{
	vcheck_int_range(c, v, 1, XOVN_DP_KEY_MAX);
}

static void check_port_key(struct vctx *c, const json_t *v)
{
	vcheck_int_range(c, v, 1, XOVN_PORT_KEY_MAX);
}

static void check_tag(struct vctx *c, const json_t *v)
{
	vcheck_int_range(c, v, 1, 4094);
}

static void check_nonempty_string(struct vctx *c, const json_t *v)
{
	vcheck_string_len(c, v, 1, SIZE_MAX);
}

static void check_string_list(struct vctx *c, const json_t *v)
{
	vcheck_array(c, v, check_nonempty_string);
}

/* A row's stable identity, as OVSDB prints it: 8-4-4-4-12 lowercase hex. */
static void check_uuid(struct vctx *c, const json_t *v)
{
	const char *s = json_string_value(v);
	size_t i;

	if (!vcheck_type(c, v, JSON_STRING, "a string"))
		return;
	for (i = 0; s[i] && i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i]))
			break;
	}
	if (i != 36 || s[i])
		vreport(c, "pattern", "not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, lowercase hex)");
}

static void check_port_type(struct vctx *c, const json_t *v)
{
	static const char *const types[] = {
		"", "localport", "localnet", "external", "l2gateway", "router", NULL
	};
	vcheck_enum(c, v, types);
}

static void check_chassis_state(struct vctx *c, const json_t *v)
{
	static const char *const states[] = { "up", "down", NULL };
	vcheck_enum(c, v, states);
}

static void check_encap_type(struct vctx *c, const json_t *v)
{
	const char *s = json_string_value(v);

	if (!s || strcmp(s, "geneve") != 0)
		vreport(c, "const", "the only encapsulation is \"geneve\"");
}

/* ---- objects ------------------------------------------------------------ */

static const char *const no_required[] = { NULL };

static void check_options(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "network_name", check_nonempty_string },
		{ "l2gateway-chassis", check_nonempty_string },
		{ "requested-chassis", check_nonempty_string },
		{ NULL, NULL },
	};
	static const struct object_rule rule = { fields, no_required, vcheck_any_string, NULL };
	vcheck_object(c, v, &rule);
}

/* dependentRequired: a container port names its VLAN. */
static void check_port_dependencies(struct vctx *c, const json_t *port)
{
	size_t old;

	if (!json_object_get(port, "parent_name") || json_object_get(port, "tag"))
		return;
	old = vpath_key(&c->path, "tag");
	vreport(c, "required", "a port with parent_name needs a tag");
	vpath_restore(&c->path, old);
}

static void check_port(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "_uuid", check_uuid },
		{ "name", vcheck_name },
		{ "type", check_port_type },
		{ "tunnel_key", check_port_key },
		{ "addresses", check_string_list },
		{ "port_security", check_string_list },
		{ "options", check_options },
		{ "parent_name", vcheck_name },
		{ "tag", check_tag },
		{ "ha_chassis_group", vcheck_name },
		{ "dhcpv4_options", vcheck_uuid },
		{ "dhcpv6_options", vcheck_uuid },
		{ NULL, NULL },
	};
	static const char *const required[] = { "name", NULL };
	static const struct object_rule rule = { fields, required, NULL, check_port_dependencies };
	vcheck_object(c, v, &rule);
}

static void check_ports(struct vctx *c, const json_t *v)
{
	vcheck_array(c, v, check_port);
}

static void check_switch(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "_uuid", check_uuid },
		{ "name", vcheck_name },
		{ "tunnel_key", check_switch_key },
		{ "ports", check_ports },
		{ NULL, NULL },
	};
	static const char *const required[] = { "name", "ports", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };
	vcheck_object(c, v, &rule);
}

static void check_member(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "_uuid", check_uuid },
		{ "chassis", vcheck_name },
		{ "priority", vcheck_priority },
		{ NULL, NULL },
	};
	static const char *const required[] = { "chassis", "priority", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };
	vcheck_object(c, v, &rule);
}

static void check_members(struct vctx *c, const json_t *v)
{
	vcheck_array(c, v, check_member);
}

static void check_group(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "_uuid", check_uuid },
		{ "name", vcheck_name },
		{ "members", check_members },
		{ NULL, NULL },
	};
	static const char *const required[] = { "name", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };
	vcheck_object(c, v, &rule);
}

static void check_encap(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "type", check_encap_type },
		{ "ip", vcheck_ipv4 },
		{ NULL, NULL },
	};
	static const char *const required[] = { "type", "ip", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };
	vcheck_object(c, v, &rule);
}

static void check_bridge_mappings(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = { { NULL, NULL } };
	static const struct object_rule rule = { fields, no_required, vcheck_ifname, NULL };
	vcheck_object(c, v, &rule);
}

static void check_vif(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "iface", vcheck_ifname },
		{ "port", vcheck_name },
		{ NULL, NULL },
	};
	static const char *const required[] = { "iface", "port", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };
	vcheck_object(c, v, &rule);
}

static void check_vifs(struct vctx *c, const json_t *v)
{
	vcheck_array(c, v, check_vif);
}

static void check_chassis(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "_uuid", check_uuid },
		{ "name", vcheck_name },
		{ "encap", check_encap },
		{ "encap_iface", vcheck_ifname },
		{ "state", check_chassis_state },
		{ "bridge_mappings", check_bridge_mappings },
		{ "vifs", check_vifs },
		{ NULL, NULL },
	};
	static const char *const required[] = { "name", "encap", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };
	vcheck_object(c, v, &rule);
}

static void check_binding(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "port", vcheck_name },
		{ "chassis", vcheck_name },
		{ NULL, NULL },
	};
	static const char *const required[] = { "port", "chassis", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };
	vcheck_object(c, v, &rule);
}

static void check_switches(struct vctx *c, const json_t *v) { vcheck_array(c, v, check_switch); }
static void check_groups(struct vctx *c, const json_t *v) { vcheck_array(c, v, check_group); }
static void check_chassis_list(struct vctx *c, const json_t *v) { vcheck_array(c, v, check_chassis); }
static void check_bindings(struct vctx *c, const json_t *v) { vcheck_array(c, v, check_binding); }

void validate_schema(struct vctx *c, const json_t *model)
{
	static const struct field fields[] = {
		{ "version", check_version },
		{ "generation", check_generation },
		{ "logical_switches", check_switches },
		{ "logical_routers", vcheck_router_rows },
		{ "ha_chassis_groups", check_groups },
		{ "chassis", check_chassis_list },
		{ "bindings", check_bindings },
		{ "dhcp_options", vcheck_dhcp_rows },
		{ NULL, NULL },
	};
	static const char *const required[] = { "version", "logical_switches", "chassis", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };

	if (!model) {
		vreport(c, "type", "no model");
		return;
	}
	vcheck_object(c, model, &rule);
}
