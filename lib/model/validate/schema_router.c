// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * schema_router.c - the schema rules of "logical_routers": routers, their
 * ports and static routes (schemas/nb.schema.json's logical_router,
 * router_port, static_route).
 *
 * Address strings are parsed, not only matched: the JSON Schema pattern of
 * an IPv6 address is looser than inet_pton, so an IPv6 string the pattern
 * lets through can still be refused here (rule "pattern" at the same path).
 */
#include <string.h>

#include "model/validate/schema_rules.h"
#include "util/prefix.h"
#include "xovn_maps.h"

static void check_bool(struct vctx *c, const json_t *v)
{
	if (!json_is_boolean(v))
		vcheck_type(c, v, JSON_TRUE, "a boolean");
}

static void check_router_key(struct vctx *c, const json_t *v)
{
	vcheck_int_range(c, v, 1, XOVN_DP_KEY_MAX);
}

static void check_router_port_key(struct vctx *c, const json_t *v)
{
	vcheck_int_range(c, v, 1, XOVN_PORT_KEY_MAX);
}

static void check_prefix(struct vctx *c, const json_t *v, enum xovn_plen_rule rule,
			 const char *what)
{
	struct xovn_ip ip;

	if (vcheck_type(c, v, JSON_STRING, "a string") &&
	    xovn_parse_prefix(json_string_value(v), rule, &ip) < 0)
		vreport(c, "pattern", "\"%s\" is not %s", json_string_value(v), what);
}

static void check_network(struct vctx *c, const json_t *v)
{
	check_prefix(c, v, XOVN_PLEN_REQUIRED, "an IPv4 or IPv6 ADDRESS/PLEN");
}

static void check_networks(struct vctx *c, const json_t *v)
{
	vcheck_array(c, v, check_network);
	if (json_is_array(v) && json_array_size(v) == 0)
		vreport(c, "length", "a router port needs at least one network");
}

static void check_ip_prefix(struct vctx *c, const json_t *v)
{
	check_prefix(c, v, XOVN_PLEN_OPTIONAL, "an IPv4 or IPv6 ADDRESS[/PLEN]");
}

static void check_nexthop(struct vctx *c, const json_t *v)
{
	if (json_is_string(v) && strcmp(json_string_value(v), "discard") == 0)
		return;
	check_prefix(c, v, XOVN_PLEN_NONE, "an IPv4 or IPv6 address or \"discard\"");
}

static void check_policy(struct vctx *c, const json_t *v)
{
	static const char *const policies[] = { "src-ip", "dst-ip", NULL };

	vcheck_enum(c, v, policies);
}

static void check_router_port(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "_uuid", vcheck_uuid },
		{ "name", vcheck_name },
		{ "mac", vcheck_mac },
		{ "networks", check_networks },
		{ "tunnel_key", check_router_port_key },
		{ "peer", vcheck_name },
		{ "enabled", check_bool },
		{ "options", vcheck_string_map },
		{ "gateway_chassis", vcheck_gateway_chassis_rows },
		{ "ha_chassis_group", vcheck_name },
		{ "ipv6_ra_configs", vcheck_string_map },
		{ NULL, NULL },
	};
	static const char *const required[] = { "name", "mac", "networks", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };

	vcheck_object(c, v, &rule);
}

static void check_static_route(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "_uuid", vcheck_uuid },
		{ "ip_prefix", check_ip_prefix },
		{ "nexthop", check_nexthop },
		{ "output_port", vcheck_name },
		{ "policy", check_policy },
		{ "route_table", vcheck_any_string },
		{ NULL, NULL },
	};
	static const char *const required[] = { "ip_prefix", "nexthop", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };

	vcheck_object(c, v, &rule);
}

static void check_router_ports(struct vctx *c, const json_t *v)
{
	vcheck_array(c, v, check_router_port);
}

static void check_static_routes(struct vctx *c, const json_t *v)
{
	vcheck_array(c, v, check_static_route);
}

static void check_router(struct vctx *c, const json_t *v)
{
	static const struct field fields[] = {
		{ "_uuid", vcheck_uuid },
		{ "name", vcheck_name },
		{ "tunnel_key", check_router_key },
		{ "enabled", check_bool },
		{ "options", vcheck_string_map },
		{ "ports", check_router_ports },
		{ "static_routes", check_static_routes },
		{ "nat", vcheck_nat_rows },
		{ NULL, NULL },
	};
	static const char *const required[] = { "name", NULL };
	static const struct object_rule rule = { fields, required, NULL, NULL };

	vcheck_object(c, v, &rule);
}

void vcheck_router_rows(struct vctx *c, const json_t *v)
{
	vcheck_array(c, v, check_router);
}
