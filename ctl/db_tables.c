/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * db_tables.c - the model's tables as OVSDB names them, and finding rows.
 * A new table of the model is one more entry here.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctl.h"
#include "db.h"
#include "util/grow.h"

static const struct db_column ls_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "name", DB_STR, "name", NULL, 0, 0, 0 },
	{ .name = "ports", DB_CHILDREN, "ports", "Logical_Switch_Port", 0, 0, 0 },
	{ .name = "tunnel_key", DB_INT, "tunnel_key", NULL, 1, 1, 16777215 },
	{ NULL },
};

static const struct db_column lsp_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "addresses", DB_STR_SET, "addresses", NULL, 0, 0, 0 },
	{ .name = "dhcpv4_options", DB_REF, "dhcpv4_options", "DHCP_Options", 0, 0, 0 },
	{ .name = "dhcpv6_options", DB_REF, "dhcpv6_options", "DHCP_Options", 0, 0, 0 },
	{ .name = "ha_chassis_group", DB_REF, "ha_chassis_group", "HA_Chassis_Group", 0, 0, 0 },
	{ .name = "name", DB_STR, "name", NULL, 0, 0, 0 },
	{ .name = "options", DB_MAP, "options", NULL, 0, 0, 0 },
	{ .name = "parent_name", DB_OPT_STR, "parent_name", NULL, 0, 0, 0 },
	{ .name = "port_security", DB_STR_SET, "port_security", NULL, 0, 0, 0 },
	{ .name = "tag", DB_OPT_INT, "tag", NULL, 0, 1, 4094 },
	{ .name = "tag_request", DB_OPT_INT, "tag", NULL, 0, 0, 4095 },
	{ .name = "tunnel_key", DB_INT, "tunnel_key", NULL, 1, 1, 32767 },
	{ .name = "type", DB_STR, "type", NULL, 0, 0, 0, 1 },
	{ NULL },
};

static const struct db_column group_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "ha_chassis", DB_CHILDREN, "members", "HA_Chassis", 0, 0, 0 },
	{ .name = "name", DB_STR, "name", NULL, 0, 0, 0 },
	{ NULL },
};

static const struct db_column ha_chassis_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "chassis_name", DB_STR, "chassis", NULL, 0, 0, 0 },
	{ .name = "priority", DB_INT, "priority", NULL, 0, 0, 32767 },
	{ NULL },
};

static const struct db_column chassis_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "encap_iface", DB_OPT_STR, "encap_iface", NULL, 0, 0, 0 },
	{ .name = "name", DB_STR, "name", NULL, 1, 0, 0 },
	{ .name = "other_config", DB_MAP, "bridge_mappings", NULL, 1, 0, 0 },
	{ .name = "state", DB_OPT_STR, "state", NULL, 0, 0, 0 },
	{ NULL },
};

static const struct db_column dhcp_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "cidr", DB_STR, "cidr", NULL, 0, 0, 0 },
	{ .name = "external_ids", DB_MAP, "external_ids", NULL, 0, 0, 0 },
	{ .name = "options", DB_MAP, "options", NULL, 0, 0, 0 },
	{ NULL },
};

static const struct db_column lr_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "enabled", DB_OPT_BOOL, "enabled", NULL, 0, 0, 0 },
	{ .name = "name", DB_STR, "name", NULL, 0, 0, 0 },
	{ .name = "nat", DB_CHILDREN, "nat", "NAT", 0, 0, 0 },
	{ .name = "options", DB_MAP, "options", NULL, 0, 0, 0 },
	{ .name = "ports", DB_CHILDREN, "ports", "Logical_Router_Port", 0, 0, 0 },
	{ .name = "static_routes", DB_CHILDREN, "static_routes", "Logical_Router_Static_Route",
	  0, 0, 0 },
	{ .name = "tunnel_key", DB_INT, "tunnel_key", NULL, 1, 1, 16777215 },
	{ NULL },
};

static const struct db_column lrp_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "enabled", DB_OPT_BOOL, "enabled", NULL, 0, 0, 0 },
	{ .name = "gateway_chassis", DB_CHILDREN, "gateway_chassis", "Gateway_Chassis", 0, 0, 0 },
	{ .name = "ha_chassis_group", DB_REF, "ha_chassis_group", "HA_Chassis_Group", 0, 0, 0 },
	{ .name = "ipv6_ra_configs", DB_MAP, "ipv6_ra_configs", NULL, 0, 0, 0 },
	{ .name = "mac", DB_STR, "mac", NULL, 0, 0, 0 },
	{ .name = "name", DB_STR, "name", NULL, 0, 0, 0 },
	{ .name = "networks", DB_STR_SET, "networks", NULL, 0, 0, 0 },
	{ .name = "options", DB_MAP, "options", NULL, 0, 0, 0 },
	{ .name = "peer", DB_OPT_STR, "peer", NULL, 0, 0, 0 },
	{ .name = "tunnel_key", DB_INT, "tunnel_key", NULL, 1, 1, 32767 },
	{ NULL },
};

static const struct db_column route_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "ip_prefix", DB_STR, "ip_prefix", NULL, 0, 0, 0 },
	{ .name = "nexthop", DB_STR, "nexthop", NULL, 0, 0, 0 },
	{ .name = "output_port", DB_OPT_STR, "output_port", NULL, 0, 0, 0 },
	{ .name = "policy", DB_OPT_STR, "policy", NULL, 0, 0, 0 },
	{ .name = "route_table", DB_STR, "route_table", NULL, 0, 0, 0, 1 },
	{ NULL },
};

static const struct db_column gateway_chassis_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "chassis_name", DB_STR, "chassis_name", NULL, 0, 0, 0 },
	{ .name = "name", DB_STR, "name", NULL, 0, 0, 0 },
	{ .name = "options", DB_MAP, "options", NULL, 0, 0, 0 },
	{ .name = "priority", DB_INT, "priority", NULL, 0, 0, 32767 },
	{ NULL },
};

static const struct db_column nat_columns[] = {
	{ .name = "_uuid", DB_UUID, NULL, NULL, 1, 0, 0 },
	{ .name = "external_ip", DB_STR, "external_ip", NULL, 0, 0, 0 },
	{ .name = "external_mac", DB_OPT_STR, "external_mac", NULL, 0, 0, 0 },
	{ .name = "external_port_range", DB_STR, "external_port_range", NULL, 0, 0, 0, 1 },
	{ .name = "logical_ip", DB_STR, "logical_ip", NULL, 0, 0, 0 },
	{ .name = "logical_port", DB_OPT_STR, "logical_port", NULL, 0, 0, 0 },
	{ .name = "options", DB_MAP, "options", NULL, 0, 0, 0 },
	{ .name = "type", DB_STR, "type", NULL, 0, 0, 0 },
	{ NULL },
};

static const struct db_table tables[] = {
	{ "Logical_Switch", "logical_switches", NULL, "name", ls_columns, 1 },
	{ "Logical_Switch_Port", "ports", "Logical_Switch", "name", lsp_columns, 1 },
	{ "HA_Chassis_Group", "ha_chassis_groups", NULL, "name", group_columns, 1 },
	{ "HA_Chassis", "members", "HA_Chassis_Group", NULL, ha_chassis_columns, 1 },
	{ "Chassis", "chassis", NULL, "name", chassis_columns, 0 },
	{ "DHCP_Options", "dhcp_options", NULL, NULL, dhcp_columns, 1 },
	{ "Logical_Router", "logical_routers", NULL, "name", lr_columns, 1 },
	{ "Logical_Router_Port", "ports", "Logical_Router", "name", lrp_columns, 1 },
	{ "Logical_Router_Static_Route", "static_routes", "Logical_Router", NULL,
	  route_columns, 1 },
	{ "NAT", "nat", "Logical_Router", "external_ip", nat_columns, 1 },
	{ "Gateway_Chassis", "gateway_chassis", "Logical_Router_Port", NULL,
	  gateway_chassis_columns, 1 },
};
#define N_TABLES (sizeof(tables) / sizeof(tables[0]))

const struct db_table *db_table_by_name(const char *exact)
{
	size_t i;

	for (i = 0; i < N_TABLES; i++)
		if (strcmp(tables[i].name, exact) == 0)
			return &tables[i];
	return NULL;
}

/* As ovn-nbctl: case-insensitive, and a unique prefix will do. */
const struct db_table *db_find_table(const char *name)
{
	const struct db_table *best = NULL;
	size_t i, n = strlen(name);
	int ambiguous = 0;

	for (i = 0; i < N_TABLES; i++) {
		if (strcasecmp(tables[i].name, name) == 0)
			return &tables[i];
		if (n && strncasecmp(tables[i].name, name, n) == 0) {
			ambiguous = best != NULL;
			best = &tables[i];
		}
	}
	if (best && !ambiguous)
		return best;
	ctl_fail("%s table name \"%s\"", ambiguous ? "multiple tables match" : "unknown", name);
	return NULL;
}

const struct db_column *db_find_column(const struct db_table *t, const char *name)
{
	const struct db_column *c;

	for (c = t->columns; c->name; c++)
		if (strcasecmp(c->name, name) == 0)
			return c;
	ctl_fail("%s does not contain a column whose name matches \"%s\"", t->name, name);
	return NULL;
}

static int push(struct db_rows *r, json_t *obj, json_t *array, json_t *parent)
{
	struct db_row *v = xovn_grow(r->v, &r->cap, r->n, sizeof(*v), 16);

	if (!v)
		return ctl_fail("out of memory");
	r->v = v;
	r->v[r->n++] = (struct db_row){ obj, array, parent };
	return 0;
}

static int push_all(struct db_rows *r, json_t *array, json_t *parent)
{
	json_t *row;
	size_t i;

	json_array_foreach(array, i, row)
		if (push(r, row, array, parent))
			return -1;
	return 0;
}

int db_rows_of(json_t *model, const struct db_table *t, struct db_rows *out)
{
	struct db_rows parents = { 0 };
	size_t i;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!t->parent)
		return push_all(out, json_object_get(model, t->array), NULL);
	if (db_rows_of(model, db_table_by_name(t->parent), &parents))
		return -1;
	for (i = 0; i < parents.n && rc == 0; i++)
		rc = push_all(out, json_object_get(parents.v[i].obj, t->array), parents.v[i].obj);
	if (rc == 0)
		rc = push_all(out, db_pending(t), NULL);
	db_rows_free(&parents);
	return rc;
}

void db_rows_free(struct db_rows *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

int db_find_row(json_t *model, const struct db_table *t, const char *id, int quiet,
		struct db_row *out)
{
	const char *uuid = id[0] == '@' ? db_id_lookup(id) : id;
	const char *name_member = NULL;
	struct db_rows rows;
	size_t i;
	int found = 0;

	if (t->name_column)
		name_member = db_find_column(t, t->name_column)->member;
	if (!uuid || db_rows_of(model, t, &rows))
		return quiet ? -1 : ctl_fail("no row \"%s\" in table %s", id, t->name);
	for (i = 0; i < rows.n && !found; i++) {
		const char *u = json_string_value(json_object_get(rows.v[i].obj, "_uuid"));
		const char *n = name_member ?
			json_string_value(json_object_get(rows.v[i].obj, name_member)) : NULL;

		if ((u && strcmp(u, uuid) == 0) || (n && strcmp(n, id) == 0)) {
			*out = rows.v[i];
			found = 1;
		}
	}
	db_rows_free(&rows);
	if (!found && !quiet)
		ctl_fail("no row \"%s\" in table %s", id, t->name);
	return found ? 0 : -1;
}

/* Created rows of nested tables wait here until a parent's column takes them. */
static json_t *pending[N_TABLES];

json_t *db_pending(const struct db_table *t)
{
	size_t i = (size_t)(t - tables);

	if (!pending[i])
		pending[i] = json_array();
	return pending[i];
}

static struct { char *id, *uuid; } ids[64];
static size_t n_ids;

void db_chain_reset(void)
{
	size_t i;

	for (i = 0; i < N_TABLES; i++) {
		json_decref(pending[i]);
		pending[i] = NULL;
	}
	for (i = 0; i < n_ids; i++) {
		free(ids[i].id);
		free(ids[i].uuid);
	}
	n_ids = 0;
}

int db_id_define(const char *id, const char *uuid)
{
	if (db_id_lookup(id))
		return ctl_fail("row id \"%s\" may only be specified on one --id option", id);
	if (n_ids == sizeof(ids) / sizeof(ids[0]))
		return ctl_fail("too many --id names in one chain");
	ids[n_ids].id = strdup(id);
	ids[n_ids].uuid = strdup(uuid);
	n_ids++;
	return 0;
}

const char *db_id_lookup(const char *id)
{
	size_t i;

	for (i = 0; i < n_ids; i++)
		if (strcmp(ids[i].id, id) == 0)
			return ids[i].uuid;
	return NULL;
}
