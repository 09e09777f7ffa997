// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * sb_rows.c - see sb_rows.h.  Which ports this chassis claims: the VIFs
 * its interfaces name, the container ports whose parent is one of them,
 * the l2gateway ports whose l2gateway-chassis it is, and the
 * chassisredirect ports of the distributed gateway ports it is the active
 * gateway of (as ovn-controller claims cr-PORT: chassis only, "up" is a
 * VIF's); it releases a VIF or container port the SB still binds to it
 * once the interface is gone, and a chassisredirect port once another
 * chassis is the active gateway.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ovsdb/datum.h"
#include "ovsdb/sb_rows.h"

static const char *str_col(const json_t *row, const char *col)
{
	return ovsdb_string(json_object_get(row, col));
}

static json_t *where_uuid(const char *uuid)
{
	return json_pack("[[s, s, o]]", "_uuid", "==", ovsdb_uuid_ref(uuid));
}

static json_t *mappings_value(const json_t *bm)
{
	char buf[1024] = "";
	size_t used = 0;
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)bm, k, v) {
		int n = snprintf(buf + used, sizeof(buf) - used, "%s%s:%s", used ? "," : "", k,
				 json_string_value(v));

		if (n < 0 || (size_t)n >= sizeof(buf) - used)
			break;
		used += (size_t)n;
	}
	return json_string(buf);
}

static const char *our_encap_ip(const struct ovsdb_replica *sb, const json_t *ch)
{
	const json_t *encaps = json_object_get(ch, "encaps");

	for (size_t i = 0; i < ovsdb_set_size(encaps); i++) {
		const json_t *e = ovsdb_replica_row(sb, "Encap", ovsdb_uuid(ovsdb_set_get(encaps, i)));

		if (str_col(e, "type") && strcmp(str_col(e, "type"), "geneve") == 0)
			return str_col(e, "ip");
	}
	return NULL;
}

static json_t *encap_insert(const struct sb_chassis_want *w)
{
	return json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s, s:[s, [[s, s]]]}}", "op", "insert",
			 "table", "Encap", "uuid-name", "xovn_encap", "row", "type", "geneve",
			 "ip", w->encap_ip, "chassis_name", w->name, "options", "map", "csum",
			 "true");
}

static json_t *other_config(const struct sb_chassis_want *w)
{
	json_t *oc = json_object(), *m;

	json_object_set_new(oc, "ovn-bridge-mappings",
			    mappings_value(w->bridge_mappings ? w->bridge_mappings : NULL));
	m = ovsdb_map_from_object(oc);
	json_decref(oc);
	return m;
}

/* Chassis and Chassis_Private, inserted or corrected. */
static size_t chassis_ops(const struct ovsdb_replica *sb, const struct sb_chassis_want *w,
			  json_t *ops, const char **ch_uuid)
{
	const json_t *ch = ovsdb_replica_find(sb, "Chassis", "name", w->name, ch_uuid);
	const json_t *priv = ovsdb_replica_find(sb, "Chassis_Private", "name", w->name, NULL);
	const char *ip = ch ? our_encap_ip(sb, ch) : NULL;
	const char *bm = ch ? ovsdb_map_get(json_object_get(ch, "other_config"),
					    "ovn-bridge-mappings") : NULL;
	json_t *want_bm = mappings_value(w->bridge_mappings);
	size_t n = 0;

	if (!ch) {
		json_array_append_new(ops, encap_insert(w));
		json_array_append_new(ops, json_pack(
			"{s:s, s:s, s:s, s:{s:s, s:s, s:o, s:o}}", "op", "insert", "table", "Chassis",
			"uuid-name", "xovn_chassis", "row", "name", w->name, "hostname", w->hostname,
			"encaps", ovsdb_named_ref("xovn_encap"), "other_config", other_config(w)));
		n += 2;
	} else if (!ip || strcmp(ip, w->encap_ip) != 0 || !bm ||
		   strcmp(bm, json_string_value(want_bm)) != 0) {
		json_array_append_new(ops, encap_insert(w));
		json_array_append_new(ops, json_pack(
			"{s:s, s:s, s:o, s:{s:o, s:o}}", "op", "update", "table", "Chassis",
			"where", where_uuid(*ch_uuid), "row", "encaps", ovsdb_named_ref("xovn_encap"),
			"other_config", other_config(w)));
		n += 2;
	}
	if (!priv) {
		json_array_append_new(ops, json_pack(
			"{s:s, s:s, s:{s:s, s:o}}", "op", "insert", "table", "Chassis_Private", "row",
			"name", w->name, "chassis",
			ch ? ovsdb_uuid_ref(*ch_uuid) : ovsdb_named_ref("xovn_chassis")));
		n++;
	}
	json_decref(want_bm);
	return n;
}

static int is_local_vif(const struct sb_chassis_want *w, const char *port)
{
	const json_t *vif;
	size_t i;

	json_array_foreach((json_t *)w->vifs, i, vif) {
		const char *p = json_string_value(json_object_get(vif, "port"));

		if (p && strcmp(p, port) == 0)
			return 1;
	}
	return 0;
}

static int is_redirect(const json_t *pb)
{
	const char *type = str_col(pb, "type");

	return type && strcmp(type, "chassisredirect") == 0;
}

/*
 * Should this chassis hold the port (1), not hold it (0), or leave it
 * alone (-1)?  options:requested-chassis naming only other chassis (by
 * name or hostname, a comma-separated list) keeps this one from claiming.
 */
static int should_hold(const struct sb_chassis_want *w, const json_t *pb)
{
	const char *type = str_col(pb, "type"), *parent = str_col(pb, "parent_port");
	const char *name = str_col(pb, "logical_port");
	const char *req = ovsdb_map_get(json_object_get(pb, "options"), "requested-chassis");

	type = type ? type : "";
	if (req && *req && !sb_requested_here(req, w->name, w->hostname))
		return 0;
	if (is_redirect(pb)) {
		const char *dgp = ovsdb_map_get(json_object_get(pb, "options"), "distributed-port");

		return dgp && json_object_get(w->gateways, dgp) ? 1 : 0;
	}
	if (strcmp(type, "l2gateway") == 0) {
		const char *gw = ovsdb_map_get(json_object_get(pb, "options"), "l2gateway-chassis");

		return gw && strcmp(gw, w->name) == 0 ? 1 : -1;
	}
	if (*type)
		return -1;
	if (parent && *parent)
		return is_local_vif(w, parent);
	return name ? is_local_vif(w, name) : -1;
}

static size_t claim_ops(const struct ovsdb_replica *sb, const struct sb_chassis_want *w,
			const char *ch_uuid, json_t *ops)
{
	const char *uuid;
	json_t *pb;
	size_t n = 0;

	json_object_foreach(ovsdb_replica_table(sb, "Port_Binding"), uuid, pb) {
		const char *bound = ovsdb_uuid(json_object_get(pb, "chassis"));
		int is_ours = bound && ch_uuid && strcmp(bound, ch_uuid) == 0;
		int up = ovsdb_boolean(json_object_get(pb, "up"), 0);
		int hold = should_hold(w, pb), has_up = !is_redirect(pb);
		json_t *row;

		if (hold == 1 && (!is_ours || (has_up && !up)))
			row = json_pack("{s:o}", "chassis",
					ch_uuid ? ovsdb_uuid_ref(ch_uuid) : ovsdb_named_ref("xovn_chassis"));
		else if (hold == 0 && is_ours)
			row = json_pack("{s:o}", "chassis", ovsdb_empty_set());
		else
			continue;
		if (has_up)
			json_object_set_new(row, "up", json_boolean(hold == 1));
		json_array_append_new(ops, json_pack("{s:s, s:s, s:o, s:o}", "op", "update", "table",
						     "Port_Binding", "where", where_uuid(uuid),
						     "row", row));
		n++;
	}
	return n;
}

static size_t nb_cfg_op(const struct ovsdb_replica *sb, const struct sb_chassis_want *w,
			json_t *ops)
{
	const char *uuid = NULL;
	const json_t *priv = ovsdb_replica_find(sb, "Chassis_Private", "name", w->name, &uuid);
	struct timespec ts;
	long long have;
	int has;

	if (w->nb_cfg < 0 || !priv)
		return 0;
	have = ovsdb_integer(json_object_get(priv, "nb_cfg"), &has);
	if (has && have == w->nb_cfg)
		return 0;
	clock_gettime(CLOCK_REALTIME, &ts);
	json_array_append_new(ops, json_pack(
		"{s:s, s:s, s:o, s:{s:I, s:I}}", "op", "update", "table", "Chassis_Private", "where",
		where_uuid(uuid), "row", "nb_cfg", (json_int_t)w->nb_cfg, "nb_cfg_timestamp",
		(json_int_t)(ts.tv_sec * 1000LL + ts.tv_nsec / 1000000)));
	return 1;
}

int sb_requested_here(const char *list, const char *name, const char *hostname)
{
	while (*list) {
		size_t len = strcspn(list, ",");

		if ((strlen(name) == len && strncmp(list, name, len) == 0) ||
		    (hostname && strlen(hostname) == len && strncmp(list, hostname, len) == 0))
			return 1;
		list += len + (list[len] == ',');
	}
	return 0;
}

size_t sb_rows_ops(const struct ovsdb_replica *sb, const struct sb_chassis_want *w, json_t *ops)
{
	const char *ch_uuid = NULL;
	size_t n = chassis_ops(sb, w, ops, &ch_uuid);

	n += claim_ops(sb, w, ch_uuid, ops);
	/* Only once the rows exist: the nb_cfg report needs our Chassis_Private. */
	if (n == 0)
		n += nb_cfg_op(sb, w, ops);
	return n;
}

int sb_chassis_want_local(struct sb_chassis_want *want, const json_t *local)
{
	want->encap_ip = json_string_value(json_object_get(json_object_get(local, "encap"), "ip"));
	want->bridge_mappings = json_object_get(local, "bridge_mappings");
	want->vifs = json_object_get(local, "vifs");
	return want->encap_ip ? 0 : -1;
}
