// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ovn_sb.c - the Southbound session (see ovn_sb.h).
 */
#include <string.h>

#include "log.h"
#include "ovn_sb.h"
#include "ovsdb/datum.h"
#include "ovsdb/sb_model.h"
#include "ovsdb/sb_routers.h"

static void on_event(void *owner, enum ovsdb_event ev, const json_t *msg);

int ovn_sb_init(struct ovn_sb *s, const char *remotes)
{
	memset(s, 0, sizeof(*s));
	s->txn_id = -1;
	ovsdb_replica_init(&s->sb);
	s->changed_dps = json_object();
	s->session = (struct ovsdb_session){
		.label = "OVN SB", .db = "OVN_Southbound",
		.monitor_requests = sb_model_monitor_requests,
		.replica = &s->sb, .on_event = on_event, .owner = s,
	};
	return ovsdb_session_init(&s->session, "--ovn-remote", remotes);
}

void ovn_sb_free(struct ovn_sb *s)
{
	json_decref(s->changed_dps);
	ovsdb_session_close(&s->session);
	ovsdb_replica_free(&s->sb);
}

int ovn_sb_synced(const struct ovn_sb *s)
{
	return s->session.synced;
}

int ovn_sb_fd(const struct ovn_sb *s, int *want_write)
{
	return ovsdb_session_fd(&s->session, want_write);
}

long long ovn_sb_nb_cfg(const struct ovn_sb *s)
{
	const char *uuid;
	json_t *row;
	int has;

	json_object_foreach(ovsdb_replica_table(&s->sb, "SB_Global"), uuid, row) {
		long long v = ovsdb_integer(json_object_get(row, "nb_cfg"), &has);

		return has ? v : -1;
	}
	return -1;
}

static void on_txn_reply(struct ovn_sb *s, const json_t *msg)
{
	const json_t *idv = json_object_get(msg, "id"), *err = json_object_get(msg, "error"), *r;
	size_t i;

	if (!json_is_integer(idv) || json_integer_value(idv) != s->txn_id)
		return;
	s->txn_id = -1;
	json_array_foreach(json_object_get(msg, "result"), i, r) {
		const char *e = json_string_value(json_object_get(r, "error"));

		if (e)
			log_info("OVN SB: transaction failed: %s: %s", e,
				 json_string_value(json_object_get(r, "details")) ?: "");
	}
	if (err && !json_is_null(err))
		log_info("OVN SB: transaction refused");
}

static int has_chassis(const json_t *row)
{
	return ovsdb_set_size(json_object_get(row, "chassis")) > 0;
}

/* Columns whose change moves a port between switches or chassis. */
static int moves_port(const json_t *old)
{
	static const char *const cols[] = { "chassis", "datapath", "logical_port",
					    "ha_chassis_group" };

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (json_object_get(old, cols[i]))
			return 1;
	return 0;
}

/* Did options:requested-chassis change (it decides which chassis' interface counts)? */
static int requested_moved(const json_t *old, const json_t *new)
{
	const char *a, *b;

	if (!json_object_get(old, "options"))
		return 0;
	a = ovsdb_map_get(json_object_get(old, "options"), "requested-chassis");
	b = ovsdb_map_get(json_object_get(new, "options"), "requested-chassis");
	return (a || b) && (!a || !b || strcmp(a, b) != 0);
}

/* Marks what one Port_Binding row update changes in the model. */
static void note_port_update(struct ovn_sb *s, const json_t *ru)
{
	const json_t *old = json_object_get(ru, "old"), *new = json_object_get(ru, "new");
	const char *col, *dp;
	json_t *v;
	int only_up = old && new;

	json_object_foreach((json_t *)old, col, v)
		only_up &= strcmp(col, "up") == 0;
	if (only_up)
		return;   /* a chassis reporting a port up: not the model */
	if ((old && new && (moves_port(old) || requested_moved(old, new))) ||
	    (!old && has_chassis(new)) || (!new && has_chassis(old))) {
		s->changed_full = 1;   /* a binding changes: a top-level part of the model */
		return;
	}
	dp = ovsdb_uuid(json_object_get(new ? new : old, "datapath"));
	/* A router's port: routers are built with the whole model. */
	if (dp && !sb_is_router_dp(ovsdb_replica_row(&s->sb, "Datapath_Binding", dp)))
		json_object_set_new(s->changed_dps, dp, json_true());
	else
		s->changed_full = 1;
}

/*
 * Notes what an update changes in the model.  Chassis_Private (every
 * chassis' nb_cfg reports), SB_Global (the nb_cfg counter itself) and a
 * Port_Binding's "up" alone change nothing in it: with 20 chassis each
 * report would otherwise rebuild every other chassis' model.  Ports that
 * change within their switch name that switch; anything else is a whole
 * rebuild.
 */
static void note_changes(struct ovn_sb *s, const json_t *updates)
{
	const char *table, *uuid;
	json_t *rows, *ru;

	json_object_foreach((json_t *)updates, table, rows) {
		if (strcmp(table, "Chassis_Private") == 0 || strcmp(table, "SB_Global") == 0)
			continue;
		if (strcmp(table, "Port_Binding") != 0) {
			s->changed_full = 1;
			continue;
		}
		json_object_foreach(rows, uuid, ru)
			note_port_update(s, ru);
	}
	s->changed = s->changed_full || json_object_size(s->changed_dps);
}

int ovn_sb_take_changes(struct ovn_sb *s, json_t **dps)
{
	int full = s->changed_full;

	*dps = s->changed_dps;
	s->changed_dps = json_object();
	s->changed_full = 0;
	return full;
}

static void on_event(void *owner, enum ovsdb_event ev, const json_t *msg)
{
	struct ovn_sb *s = owner;

	if (ev == OVSDB_SYNCED) {
		s->changed = s->changed_full = 1;
		log_info("OVN SB: %zu port bindings, %zu chassis", json_object_size(
			ovsdb_replica_table(&s->sb, "Port_Binding")),
			json_object_size(ovsdb_replica_table(&s->sb, "Chassis")));
	} else if (ev == OVSDB_UPDATE) {
		note_changes(s, msg);
	} else {
		on_txn_reply(s, msg);
	}
}

int ovn_sb_run(struct ovn_sb *s)
{
	int changed;

	ovsdb_session_run(&s->session);
	if (!s->session.connected)
		s->txn_id = -1;   /* its reply will never come */
	changed = s->changed && s->session.synced;
	if (changed)
		s->changed = 0;
	return changed;
}

void ovn_sb_write_rows(struct ovn_sb *s, const struct sb_chassis_want *want)
{
	json_t *params;

	if (!s->session.synced || s->txn_id >= 0)
		return;
	params = json_pack("[s]", "OVN_Southbound");
	if (sb_rows_ops(&s->sb, want, params) == 0) {
		json_decref(params);
		return;
	}
	s->txn_id = jsonrpc_request(&s->session.rpc, "transact", params);
	if (s->txn_id < 0)
		ovsdb_session_disconnect(&s->session, "cannot send a transaction");
}
