// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * sb_routers.c - router datapaths and their ports -> the model's
 * logical_routers (see sb_routers.h).
 *
 * options:peer of a router's Port_Binding names the other end of its
 * link: the switch's port when the router port is on a switch, the other
 * router's port on a direct router-to-router link.  Only the second is
 * the model's router port "peer".
 *
 * A gateway router (NB options:chassis) has "l3gateway" ports; they are
 * kept as router ports, the router taking its chassis from the NB, or
 * from the ports' options:l3gateway-chassis without the NB.
 *
 * A distributed gateway port is a "patch" Port_Binding like any router
 * port plus a "chassisredirect" one (cr-PORT, options:distributed-port
 * naming it) whose HA_Chassis_Group holds its gateway chassis and their
 * priorities: ovn-northd makes that group from lrp-set-gateway-chassis
 * (named after the port) or copies the port's NB ha_chassis_group.  The
 * router port takes the group's name, so the active gateway is chosen
 * as for a model file's (gateway_pick.c: priority, then liveness).
 */
#include <stdlib.h>
#include <string.h>

#include "ovsdb/datum.h"
#include "ovsdb/nb_nat.h"
#include "ovsdb/nb_routes.h"
#include "ovsdb/sb_cols.h"
#include "ovsdb/sb_routers.h"

int sb_is_router_dp(const json_t *dp)
{
	return ovsdb_map_get(json_object_get(dp, "external_ids"), "logical-router") != NULL;
}

int sb_is_patch_type(const char *type)
{
	return type && (strcmp(type, "patch") == 0 || strcmp(type, "l3gateway") == 0);
}

void sb_patch_as_router_port(json_t *port, const json_t *pb)
{
	const char *peer = ovsdb_map_get(json_object_get(pb, "options"), "peer");

	json_object_set_new(port, "type", json_string("router"));
	if (peer && *peer)
		json_object_set_new(port, "options", json_pack("{s:s}", "router-port", peer));
	else
		json_object_del(port, "options");
}

static int is_redirect_type(const char *type)
{
	return type && strcmp(type, "chassisredirect") == 0;
}

/* "MAC NET/PLEN..." (the Port_Binding's mac column) into the port's mac and networks. */
static int split_mac_column(json_t *port, const json_t *pb)
{
	const char *col = ovsdb_string(json_object_get(pb, "mac"));
	char *copy = col ? strdup(col) : NULL, *save = NULL, *tok;
	json_t *nets = json_array();

	for (tok = copy ? strtok_r(copy, " ", &save) : NULL; tok; tok = strtok_r(NULL, " ", &save)) {
		if (!json_object_get(port, "mac"))
			json_object_set_new(port, "mac", json_string(tok));
		else
			json_array_append_new(nets, json_string(tok));
	}
	free(copy);
	json_object_set_new(port, "networks", nets);
	return json_object_get(port, "mac") && json_array_size(nets) ? 0 : -1;
}

/* A router's Port_Binding as a router port; its peer is settled later (set_peers). */
static json_t *router_port(const char *uuid, const json_t *pb, json_t *skipped)
{
	const char *name = sb_str_col(pb, "logical_port"), *type = sb_str_col(pb, "type");
	const char *peer = ovsdb_map_get(json_object_get(pb, "options"), "peer");
	long long key;
	int has_key;
	json_t *port;

	if (!sb_is_patch_type(type)) {
		sb_skip(skipped, "router port", name, "its type is not implemented on routers in xovn yet");
		return NULL;
	}
	port = json_pack("{s:s, s:s}", "_uuid", uuid, "name", name ? name : "");
	if (split_mac_column(port, pb) < 0) {
		sb_skip(skipped, "router port", name, "its mac column is not \"MAC NETWORK...\"");
		json_decref(port);
		return NULL;
	}
	key = sb_int_col(pb, "tunnel_key", &has_key);
	if (has_key)
		json_object_set_new(port, "tunnel_key", json_integer(key));
	if (peer && *peer)
		json_object_set_new(port, "peer", json_string(peer));
	return port;
}

static json_t *router_from_dp(const char *uuid, const json_t *dp)
{
	const char *name = ovsdb_map_get(json_object_get(dp, "external_ids"), "name");
	long long key;
	int has_key;
	char fallback[32];
	json_t *lr;

	key = sb_int_col(dp, "tunnel_key", &has_key);
	if (!name) {
		snprintf(fallback, sizeof(fallback), "lr%lld", key);
		name = fallback;
	}
	lr = json_pack("{s:s, s:s, s:[]}", "_uuid", uuid, "name", name, "ports");
	if (has_key)
		json_object_set_new(lr, "tunnel_key", json_integer(key));
	return lr;
}

/* Datapath UUID -> router, for every router datapath. */
static json_t *routers_by_dp(const struct ovsdb_replica *sb)
{
	json_t *by_dp = json_object(), *dp;
	const char *uuid;

	json_object_foreach(ovsdb_replica_table(sb, "Datapath_Binding"), uuid, dp)
		if (sb_is_router_dp(dp))
			json_object_set_new(by_dp, uuid, router_from_dp(uuid, dp));
	return by_dp;
}

static json_t *named_port(const json_t *lr, const char *name)
{
	json_t *port;
	size_t i;

	json_array_foreach(json_object_get(lr, "ports"), i, port)
		if (strcmp(json_string_value(json_object_get(port, "name")) ?: "", name) == 0)
			return port;
	return NULL;
}

/*
 * Makes the port that chassisredirect row pb redirects for (on router
 * lr, its ports all added) a distributed gateway port of pb's HA group.
 */
static void add_gateway(const struct ovsdb_replica *sb, json_t *lr, const json_t *pb,
			json_t *skipped)
{
	const char *name = sb_str_col(pb, "logical_port");
	const char *dgp = ovsdb_map_get(json_object_get(pb, "options"), "distributed-port");
	const json_t *group = ovsdb_replica_row(sb, "HA_Chassis_Group",
						 ovsdb_uuid(json_object_get(pb, "ha_chassis_group")));
	const char *group_name = sb_str_col(group, "name");
	json_t *port = dgp ? named_port(lr, dgp) : NULL;

	if (!port)
		sb_skip(skipped, "router port", name,
			"its options:distributed-port names no port of its router");
	else if (!group_name)
		sb_skip(skipped, "router port", name,
			"it has no HA_Chassis_Group (no gateway chassis)");
	else
		json_object_set_new(port, "ha_chassis_group", json_string(group_name));
}

/* The gateways of the routers' chassisredirect rows, once their ports are there. */
static void add_gateways(const struct ovsdb_replica *sb, json_t *by_dp, json_t *skipped)
{
	const char *uuid;
	json_t *pb;

	json_object_foreach(ovsdb_replica_table(sb, "Port_Binding"), uuid, pb) {
		json_t *lr = json_object_get(by_dp, ovsdb_uuid(json_object_get(pb, "datapath")) ?: "");

		if (lr && is_redirect_type(sb_str_col(pb, "type")))
			add_gateway(sb, lr, pb, skipped);
	}
}

/* Adds each router's ports; names collects the router ports' names. */
static void add_router_ports(const struct ovsdb_replica *sb, json_t *by_dp, json_t *names,
			     json_t *skipped)
{
	const char *uuid;
	json_t *pb;

	json_object_foreach(ovsdb_replica_table(sb, "Port_Binding"), uuid, pb) {
		json_t *lr = json_object_get(by_dp, ovsdb_uuid(json_object_get(pb, "datapath")) ?: "");
		const char *gw = ovsdb_map_get(json_object_get(pb, "options"), "l3gateway-chassis");
		json_t *port;

		if (!lr || is_redirect_type(sb_str_col(pb, "type")))
			continue;   /* a switch's, or a gateway's redirect: add_gateways */
		port = router_port(uuid, pb, skipped);
		if (!port)
			continue;
		json_object_set_new(names, json_string_value(json_object_get(port, "name")),
				    json_true());
		json_array_append_new(json_object_get(lr, "ports"), port);
		if (gw && *gw && !json_object_get(lr, "options"))
			json_object_set_new(lr, "options", json_pack("{s:s}", "chassis", gw));
	}
}

/* A peer that is not a router port is the switch's end of the link: not the model's peer. */
static void settle_peers(json_t *lr, const json_t *names)
{
	json_t *port;
	size_t i;

	json_array_foreach(json_object_get(lr, "ports"), i, port) {
		const char *peer = json_string_value(json_object_get(port, "peer"));

		if (peer && !json_object_get(names, peer))
			json_object_del(port, "peer");
	}
}

/* Static routes, NAT rules and options from the NB's Logical_Router of lr's datapath. */
static void add_nb_part(json_t *lr, const json_t *dp, const struct ovsdb_replica *nb)
{
	const char *nb_uuid = ovsdb_map_get(json_object_get(dp, "external_ids"), "logical-router");
	json_t *routes = nb_router_routes(nb, nb_uuid), *opts = nb_router_options(nb, nb_uuid);
	json_t *nat = nb_router_nat(nb, nb_uuid);

	if (opts && json_object_size(opts))
		json_object_set(lr, "options", opts);
	else if (opts)
		json_object_del(lr, "options");
	if (routes && json_array_size(routes))
		json_object_set(lr, "static_routes", routes);
	if (nat && json_array_size(nat))
		json_object_set(lr, "nat", nat);
	json_decref(nat);
	json_decref(opts);
	json_decref(routes);
}

json_t *sb_routers_build(const struct ovsdb_replica *sb, const struct ovsdb_replica *nb,
			 json_t *skipped)
{
	json_t *by_dp = routers_by_dp(sb), *names = json_object(), *routers = json_array(), *lr;
	const char *uuid;

	add_router_ports(sb, by_dp, names, skipped);
	add_gateways(sb, by_dp, skipped);
	json_object_foreach(by_dp, uuid, lr) {
		settle_peers(lr, names);
		sb_sort_by_key(json_object_get(lr, "ports"));
		if (nb)
			add_nb_part(lr, ovsdb_replica_row(sb, "Datapath_Binding", uuid), nb);
		json_array_append(routers, lr);
	}
	sb_sort_by_key(routers);
	json_decref(names);
	json_decref(by_dp);
	return routers;
}
