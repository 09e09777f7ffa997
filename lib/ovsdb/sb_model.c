// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * sb_model.c - SB rows -> the model (see sb_model.h).
 *
 * Where a port lives: a VIF bound by another chassis (Port_Binding.chassis)
 * becomes a binding to that chassis; this chassis' own VIFs come from its
 * local configuration (like ovn-controller's iface-id), so a port moving
 * here is local as soon as its interface is, before the claim is written.
 * Localport, localnet, l2gateway and external ports are placed by xovn's
 * own rules (every chassis, bridge mappings, l2gateway-chassis, the HA
 * group), as ovn-controller places them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "xovn_maps.h"
#include "ovsdb/datum.h"
#include "ovsdb/sb_cols.h"
#include "ovsdb/sb_leave_out.h"
#include "ovsdb/sb_model.h"
#include "ovsdb/sb_routers.h"
#include "ovsdb/sb_rows.h"

json_t *sb_model_monitor_requests(void)
{
	return json_pack(
		"{s:{s:[s,s]}, s:{s:[s,s,s,s]}, s:{s:[s,s]}, s:{s:[s,s,s]}, s:{s:[s,s]},"
		" s:{s:[s,s,s,s,s,s,s,s,s,s,s,s,s]}, s:{s:[s,s]}, s:{s:[s,s]}, s:{s:[s,s,s]}}",
		"SB_Global", "columns", "nb_cfg", "options",
		"Chassis", "columns", "name", "hostname", "encaps", "other_config",
		"Encap", "columns", "type", "ip",
		"Chassis_Private", "columns", "name", "chassis", "nb_cfg",
		"Datapath_Binding", "columns", "external_ids", "tunnel_key",
		"Port_Binding", "columns", "logical_port", "type", "datapath", "tunnel_key",
		"mac", "port_security", "options", "parent_port", "tag", "chassis",
		"requested_chassis", "ha_chassis_group", "up",
		"HA_Chassis_Group", "columns", "name", "ha_chassis",
		"HA_Chassis", "columns", "chassis", "priority",
		"Multicast_Group", "columns", "name", "tunnel_key", "datapath");
}

static json_t *strings_of(const json_t *datum)
{
	json_t *a = json_array();

	for (size_t i = 0; i < ovsdb_set_size(datum); i++) {
		const char *s = json_string_value(ovsdb_set_get(datum, i));

		if (s && *s)
			json_array_append_new(a, json_string(s));
	}
	return a;
}

static const char *chassis_name(const struct ovsdb_replica *sb, const json_t *ref)
{
	return sb_str_col(ovsdb_replica_row(sb, "Chassis", ovsdb_uuid(ref)), "name");
}

static int implemented_type(const char *type)
{
	static const char *const types[] = { "", "localport", "localnet", "external", "l2gateway" };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(type, types[i]) == 0)
			return 1;
	return 0;
}

static json_t *port_from_row(const struct ovsdb_replica *sb, const char *uuid, const json_t *pb,
			     json_t *skipped)
{
	const char *name = sb_str_col(pb, "logical_port"), *type = sb_str_col(pb, "type");
	const char *parent = sb_str_col(pb, "parent_port");
	const json_t *group = ovsdb_replica_row(sb, "HA_Chassis_Group",
						 ovsdb_uuid(json_object_get(pb, "ha_chassis_group")));
	json_t *port, *opts;
	long long key, tag;
	int has_key, has_tag;

	type = type ? type : "";
	if (!implemented_type(type) && !sb_is_patch_type(type)) {
		sb_skip(skipped, "port", name, "its type is not implemented in xovn yet");
		return NULL;
	}
	key = sb_int_col(pb, "tunnel_key", &has_key);
	tag = sb_int_col(pb, "tag", &has_tag);
	port = json_pack("{s:s, s:s}", "_uuid", uuid, "name", name ? name : "");
	if (has_key)
		json_object_set_new(port, "tunnel_key", json_integer(key));
	if (*type)
		json_object_set_new(port, "type", json_string(type));
	json_object_set_new(port, "addresses", strings_of(json_object_get(pb, "mac")));
	json_object_set_new(port, "port_security", strings_of(json_object_get(pb, "port_security")));
	opts = ovsdb_map_object(json_object_get(pb, "options"));
	if (json_object_size(opts))
		json_object_set(port, "options", opts);
	json_decref(opts);
	if (parent && *parent)
		json_object_set_new(port, "parent_name", json_string(parent));
	if (has_tag)
		json_object_set_new(port, "tag", json_integer(tag));
	if (sb_str_col(group, "name"))
		json_object_set_new(port, "ha_chassis_group", json_string(sb_str_col(group, "name")));
	if (sb_is_patch_type(type))
		sb_patch_as_router_port(port, pb);
	return port;
}

/*
 * xovn's flood and unknown groups carry OVN's fixed keys on the wire; a
 * datapath whose Multicast_Group rows say otherwise cannot be spoken for.
 * Returns the reason, NULL when the keys agree (or the rows are not there).
 */
static const char *mc_keys_differ(const struct ovsdb_replica *sb, const char *dp_uuid,
				  char *buf, size_t len)
{
	const char *uuid;
	json_t *mg;

	json_object_foreach(ovsdb_replica_table(sb, "Multicast_Group"), uuid, mg) {
		const char *dp = ovsdb_uuid(json_object_get(mg, "datapath"));
		const char *name = sb_str_col(mg, "name");
		long long want, key;
		int has;

		if (!dp || !name || strcmp(dp, dp_uuid) != 0)
			continue;
		if (strcmp(name, "_MC_flood") == 0)
			want = XOVN_MC_FLOOD;
		else if (strcmp(name, "_MC_unknown") == 0)
			want = XOVN_MC_UNKNOWN;
		else
			continue;
		key = sb_int_col(mg, "tunnel_key", &has);
		if (has && key != want) {
			snprintf(buf, len, "its %s key %lld is not the %lld xovn sends", name, key,
				 want);
			return buf;
		}
	}
	return NULL;
}

/* The switch of Datapath_Binding row dp (without ports); NULL for a router's. */
static json_t *switch_from_dp(const struct ovsdb_replica *sb, const char *uuid, const json_t *dp,
			      json_t *skipped)
{
	const json_t *ids = json_object_get(dp, "external_ids");
	const char *name = ovsdb_map_get(ids, "name");
	char fallback[32], why[96];
	long long key;
	int has_key;
	json_t *sw;

	if (sb_is_router_dp(dp))
		return NULL;   /* a router's: sb_routers.c */
	key = sb_int_col(dp, "tunnel_key", &has_key);
	if (!name) {
		snprintf(fallback, sizeof(fallback), "dp%lld", key);
		name = fallback;
	}
	if (mc_keys_differ(sb, uuid, why, sizeof(why))) {
		sb_skip(skipped, "datapath", name, why);
		return NULL;
	}
	sw = json_pack("{s:s, s:s, s:[]}", "_uuid", uuid, "name", name, "ports");
	if (has_key)
		json_object_set_new(sw, "tunnel_key", json_integer(key));
	return sw;
}

/* Datapath UUID -> switch object, for the switches (routers are sb_routers.c's). */
static json_t *switches_of(const struct ovsdb_replica *sb, json_t *by_dp, json_t *skipped)
{
	json_t *switches = json_array(), *dp;
	const char *uuid;

	json_object_foreach(ovsdb_replica_table(sb, "Datapath_Binding"), uuid, dp) {
		json_t *sw = switch_from_dp(sb, uuid, dp, skipped);

		if (!sw)
			continue;
		json_object_set(by_dp, uuid, sw);
		json_array_append_new(switches, sw);
	}
	sb_sort_by_key(switches);
	return switches;
}

json_t *sb_model_switch(const struct ovsdb_replica *sb, const char *dp_uuid, json_t *skipped)
{
	const json_t *dp = ovsdb_replica_row(sb, "Datapath_Binding", dp_uuid);
	json_t *sw = dp ? switch_from_dp(sb, dp_uuid, dp, skipped) : NULL, *pb;
	const char *uuid;

	if (!sw)
		return NULL;
	json_object_foreach(ovsdb_replica_table(sb, "Port_Binding"), uuid, pb) {
		const char *d = ovsdb_uuid(json_object_get(pb, "datapath"));
		json_t *port;

		if (!d || strcmp(d, dp_uuid) != 0 || !(port = port_from_row(sb, uuid, pb, skipped)))
			continue;
		json_array_append_new(json_object_get(sw, "ports"), port);
	}
	sb_sort_by_key(json_object_get(sw, "ports"));
	return sw;
}

int sb_model_check_switches(const json_t *model, const json_t *switches)
{
	json_t *names = json_object(), *sw, *port, *b, *bindings = json_array(), *mini;
	struct xovn_errors errs;
	size_t i, j;
	int rc;

	json_array_foreach((json_t *)switches, i, sw)
		json_array_foreach(json_object_get(sw, "ports"), j, port)
			json_object_set(names, json_string_value(json_object_get(port, "name")) ?: "",
					json_true());
	json_array_foreach(json_object_get(model, "bindings"), i, b)
		if (json_object_get(names, json_string_value(json_object_get(b, "port")) ?: ""))
			json_array_append(bindings, b);
	mini = json_pack("{s:i, s:O, s:O, s:O, s:O, s:o}", "version", 1, "generation",
			 json_object_get(model, "generation"), "logical_switches", switches,
			 "chassis", json_object_get(model, "chassis"), "ha_chassis_groups",
			 json_object_get(model, "ha_chassis_groups"), "bindings", bindings);
	xovn_errors_init(&errs);
	rc = mini && xovn_model_validate(mini, &errs) == 0 ? 0 : -1;
	xovn_errors_free(&errs);
	json_decref(mini);
	json_decref(names);
	return rc;
}

/* The local chassis' VIF ports, name -> true. */
static json_t *local_vif_ports(const json_t *local)
{
	json_t *set = json_object(), *vif;
	size_t i;

	json_array_foreach(json_object_get(local, "vifs"), i, vif) {
		const char *p = json_string_value(json_object_get(vif, "port"));

		if (p)
			json_object_set_new(set, p, json_true());
	}
	return set;
}

static void add_ports(const struct ovsdb_replica *sb, json_t *by_dp, json_t *bindings,
		      const json_t *local, json_t *skipped)
{
	const char *local_name = json_string_value(json_object_get(local, "name"));
	json_t *local_vifs = local_vif_ports(local), *pb, *sw;
	const char *uuid;

	json_object_foreach(ovsdb_replica_table(sb, "Port_Binding"), uuid, pb) {
		const char *dp = ovsdb_uuid(json_object_get(pb, "datapath"));
		const char *bound = chassis_name(sb, json_object_get(pb, "chassis"));
		const char *type = sb_str_col(pb, "type");
		json_t *port;

		sw = dp ? json_object_get(by_dp, dp) : NULL;
		if (!sw)
			continue;   /* a router's port: sb_routers.c */
		port = port_from_row(sb, uuid, pb, skipped);
		if (!port)
			continue;
		json_array_append_new(json_object_get(sw, "ports"), port);
		/* Where another chassis has a plain VIF; our own come from the local config. */
		if (bound && (!type || !*type) && !json_object_get(port, "parent_name") &&
		    !json_object_get(local_vifs, json_string_value(json_object_get(port, "name"))) &&
		    !(local_name && strcmp(bound, local_name) == 0))
			json_array_append_new(bindings, json_pack("{s:O, s:s}", "port",
								  json_object_get(port, "name"),
								  "chassis", bound));
	}
	json_object_foreach(by_dp, uuid, sw)
		sb_sort_by_key(json_object_get(sw, "ports"));
	json_decref(local_vifs);
}

/* The geneve encap IP of an SB chassis row, NULL when it has none. */
static const char *geneve_ip(const struct ovsdb_replica *sb, const json_t *ch)
{
	const json_t *encaps = json_object_get(ch, "encaps");

	for (size_t i = 0; i < ovsdb_set_size(encaps); i++) {
		const json_t *e = ovsdb_replica_row(sb, "Encap", ovsdb_uuid(ovsdb_set_get(encaps, i)));
		const char *t = sb_str_col(e, "type");

		if (t && strcmp(t, "geneve") == 0)
			return sb_str_col(e, "ip");
	}
	return NULL;
}

/*
 * The local chassis without the interfaces of ports whose
 * options:requested-chassis names only other chassis: those ports live
 * there, as ovn-controller would not claim them here.
 */
static json_t *local_without_elsewhere(const struct ovsdb_replica *sb, const json_t *local)
{
	const char *name = json_string_value(json_object_get(local, "name"));
	json_t *copy = json_deep_copy(local), *vifs = json_object_get(copy, "vifs");

	for (size_t i = json_array_size(vifs); i-- > 0;) {
		const char *port = json_string_value(json_object_get(json_array_get(vifs, i), "port"));
		const json_t *pb = port ? ovsdb_replica_find(sb, "Port_Binding", "logical_port",
							     port, NULL) : NULL;
		const char *req = ovsdb_map_get(json_object_get(pb, "options"), "requested-chassis");

		if (req && *req && name && !sb_requested_here(req, name, NULL))
			json_array_remove(vifs, i);
	}
	return copy;
}

static json_t *chassis_of(const struct ovsdb_replica *sb, const json_t *local, json_t *skipped)
{
	const char *local_name = json_string_value(json_object_get(local, "name"));
	json_t *list = json_array(), *ch;
	const char *uuid;

	json_object_foreach(ovsdb_replica_table(sb, "Chassis"), uuid, ch) {
		const char *name = sb_str_col(ch, "name"), *ip = geneve_ip(sb, ch);

		if (local_name && name && strcmp(name, local_name) == 0)
			continue;
		if (!name || !ip) {
			sb_skip(skipped, "chassis", name, "no geneve encap");
			continue;
		}
		json_array_append_new(list, json_pack("{s:s, s:s, s:{s:s, s:s}}", "_uuid", uuid,
						      "name", name, "encap", "type", "geneve",
						      "ip", ip));
	}
	if (local)
		json_array_append(list, (json_t *)local);
	return list;
}

static json_t *groups_of(const struct ovsdb_replica *sb)
{
	json_t *groups = json_array(), *g;
	const char *uuid;

	json_object_foreach(ovsdb_replica_table(sb, "HA_Chassis_Group"), uuid, g) {
		const json_t *refs = json_object_get(g, "ha_chassis");
		json_t *members = json_array();

		for (size_t i = 0; i < ovsdb_set_size(refs); i++) {
			const json_t *hc = ovsdb_replica_row(sb, "HA_Chassis",
							     ovsdb_uuid(ovsdb_set_get(refs, i)));
			const char *ch = chassis_name(sb, json_object_get(hc, "chassis"));
			long long prio;
			int has;

			prio = sb_int_col(hc, "priority", &has);
			if (ch)
				json_array_append_new(members, json_pack("{s:s, s:I}", "chassis", ch,
									 "priority", (json_int_t)prio));
		}
		json_array_append_new(groups, json_pack("{s:s, s:s, s:o}", "_uuid", uuid, "name",
							sb_str_col(g, "name") ?: "", "members", members));
	}
	return groups;
}

json_t *sb_model_build(const struct ovsdb_replica *sb, const struct ovsdb_replica *nb,
		       const json_t *local, long long generation, json_t *skipped)
{
	json_t *by_dp = json_object(), *bindings = json_array(), *model, *mine, *routers;

	mine = local ? local_without_elsewhere(sb, local) : NULL;
	local = mine;

	model = json_pack("{s:i, s:I, s:o}", "version", 1, "generation", (json_int_t)generation,
			  "logical_switches", switches_of(sb, by_dp, skipped));
	add_ports(sb, by_dp, bindings, local, skipped);
	routers = sb_routers_build(sb, nb, skipped);
	if (json_array_size(routers))
		json_object_set(model, "logical_routers", routers);
	json_decref(routers);
	json_object_set_new(model, "ha_chassis_groups", groups_of(sb));
	json_object_set_new(model, "chassis", chassis_of(sb, local, skipped));
	json_object_set_new(model, "bindings", bindings);
	json_decref(by_dp);
	json_decref(mine);
	if (sb_leave_out_invalid(model, local != NULL, skipped) < 0) {
		json_decref(model);
		return NULL;
	}
	return model;
}
