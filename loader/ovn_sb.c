// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ovn_sb.c - the Southbound session (see ovn_sb.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "ovn_sb.h"
#include "ovsdb/datum.h"
#include "ovsdb/sb_model.h"

#define PROBE_IDLE_MS 5000      /* silent this long: send an echo */
#define PROBE_DEAD_MS 15000     /* silent this long: the connection is gone */
#define BACKOFF_MIN_MS 1000
#define BACKOFF_MAX_MS 8000

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int ovn_sb_init(struct ovn_sb *s, const char *remotes)
{
	const char *p = remotes;

	memset(s, 0, sizeof(*s));
	s->rpc.fd = -1;
	s->monitor_id = s->txn_id = s->server_id = -1;
	s->backoff_ms = BACKOFF_MIN_MS;
	ovsdb_replica_init(&s->sb);
	s->changed_dps = json_object();
	while (*p && s->n_remotes < OVN_SB_MAX_REMOTES) {
		size_t len = strcspn(p, ",");

		if (len == 0 || len >= sizeof(s->remotes[0]) ||
		    (strncmp(p, "tcp:", 4) != 0 && strncmp(p, "unix:", 5) != 0)) {
			fprintf(stderr, "xovnd: --ovn-remote: \"%.*s\" is not tcp:IP:PORT or unix:PATH\n",
				(int)len, p);
			return -1;
		}
		memcpy(s->remotes[s->n_remotes], p, len);
		s->remotes[s->n_remotes++][len] = '\0';
		p += len + (p[len] == ',');
	}
	if (!s->n_remotes || *p) {
		fprintf(stderr, "xovnd: --ovn-remote: give 1 to %d remotes\n", OVN_SB_MAX_REMOTES);
		return -1;
	}
	return 0;
}

static void disconnect(struct ovn_sb *s, const char *why)
{
	if (s->connected)
		log_info("OVN SB %s: %s; the dataplane keeps its state, reconnecting",
			 s->rpc.remote, why);
	jsonrpc_close(&s->rpc);
	s->connected = s->synced = 0;
	s->monitor_id = s->txn_id = s->server_id = -1;
	s->retry_at_ms = now_ms() + s->backoff_ms;
	s->backoff_ms = s->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : s->backoff_ms * 2;
}

void ovn_sb_free(struct ovn_sb *s)
{
	json_decref(s->changed_dps);
	jsonrpc_close(&s->rpc);
	ovsdb_replica_free(&s->sb);
}

int ovn_sb_fd(const struct ovn_sb *s, int *want_write)
{
	*want_write = s->connected && jsonrpc_pending(&s->rpc);
	return s->connected ? s->rpc.fd : -1;
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

static void try_connect(struct ovn_sb *s)
{
	const char *remote = s->remotes[s->next_remote];
	char err[320];

	s->next_remote = (s->next_remote + 1) % s->n_remotes;
	if (jsonrpc_open(&s->rpc, remote, err, sizeof(err)) < 0) {
		log_debug("OVN SB: %s", err);
		disconnect(s, err);
		return;
	}
	s->connected = 1;
	s->last_rx_ms = now_ms();
	s->probe_sent_ms = 0;
	/* As OVS's IDL does: is this member part of a working cluster? */
	s->server_id = jsonrpc_request(&s->rpc, "monitor",
				       json_pack("[s, s, {s:{s:[s, s, s]}}]", "_Server",
						 "xovn-server", "Database", "columns", "name",
						 "model", "connected"));
	s->monitor_id = jsonrpc_request(&s->rpc, "monitor",
					json_pack("[s, s, o]", "OVN_Southbound", "xovn",
						  sb_model_monitor_requests()));
	if (s->monitor_id < 0)
		disconnect(s, "cannot send the monitor request");
	else
		log_info("OVN SB: connected to %s", remote);
}

/*
 * The _Server rows (initial or updated) of the SB: a clustered member that
 * is not connected to its cluster serves stale data and takes no writes,
 * so look for another member.  Returns -1 when it disconnected.
 */
static int check_server(struct ovn_sb *s, const json_t *updates)
{
	const json_t *ru;
	const char *uuid;

	json_object_foreach(json_object_get(updates, "Database"), uuid, ru) {
		const json_t *row = json_object_get(ru, "new");
		const char *name = ovsdb_string(json_object_get(row, "name"));
		const char *model = ovsdb_string(json_object_get(row, "model"));

		if (!name || strcmp(name, "OVN_Southbound") != 0 || !model ||
		    strcmp(model, "clustered") != 0)
			continue;
		if (!ovsdb_boolean(json_object_get(row, "connected"), 1)) {
			disconnect(s, "this member is not connected to its cluster");
			return -1;
		}
	}
	return 0;
}

static void on_reply(struct ovn_sb *s, const json_t *msg)
{
	json_int_t id = json_integer_value(json_object_get(msg, "id"));
	const json_t *err = json_object_get(msg, "error");
	const json_t *result = json_object_get(msg, "result");

	if (json_is_integer(json_object_get(msg, "id")) && id == s->server_id) {
		s->server_id = -1;
		if (!err || json_is_null(err))
			check_server(s, result);   /* a server without _Server is standalone */
	} else if (json_is_integer(json_object_get(msg, "id")) && id == s->monitor_id) {
		s->monitor_id = -1;
		if (err && !json_is_null(err)) {
			disconnect(s, "monitor refused");
			return;
		}
		ovsdb_replica_clear(&s->sb);
		if (ovsdb_replica_apply(&s->sb, result) < 0) {
			disconnect(s, "malformed monitor reply");
			return;
		}
		s->synced = 1;
		s->changed = s->changed_full = 1;
		s->backoff_ms = BACKOFF_MIN_MS;
		log_info("OVN SB: %zu port bindings, %zu chassis", json_object_size(
			ovsdb_replica_table(&s->sb, "Port_Binding")),
			json_object_size(ovsdb_replica_table(&s->sb, "Chassis")));
	} else if (json_is_integer(json_object_get(msg, "id")) && id == s->txn_id) {
		const json_t *r;
		size_t i;

		s->txn_id = -1;
		json_array_foreach((json_t *)result, i, r) {
			const char *e = json_string_value(json_object_get(r, "error"));

			if (e)
				log_info("OVN SB: transaction failed: %s: %s", e,
					 json_string_value(json_object_get(r, "details")) ?: "");
		}
		if (err && !json_is_null(err))
			log_info("OVN SB: transaction refused");
	}
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
	if (dp)
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

static void on_message(struct ovn_sb *s, json_t *msg)
{
	const char *method = json_string_value(json_object_get(msg, "method"));
	json_t *params = json_object_get(msg, "params");

	if (!method) {
		on_reply(s, msg);
	} else if (strcmp(method, "echo") == 0) {
		jsonrpc_send(&s->rpc, json_pack("{s:O, s:O, s:n}", "id", json_object_get(msg, "id"),
						"result", params, "error"));
	} else if (strcmp(method, "update") == 0 &&
		   strcmp(json_string_value(json_array_get(params, 0)) ?: "", "xovn-server") == 0) {
		check_server(s, json_array_get(params, 1));
	} else if (strcmp(method, "update") == 0 && s->synced) {
		if (ovsdb_replica_apply(&s->sb, json_array_get(params, 1)) < 0)
			disconnect(s, "malformed update");
		else
			note_changes(s, json_array_get(params, 1));
	}
}

static void probe(struct ovn_sb *s)
{
	long long t = now_ms();

	if (t - s->last_rx_ms > PROBE_DEAD_MS) {
		disconnect(s, "no answer to the inactivity probe");
	} else if (t - s->last_rx_ms > PROBE_IDLE_MS && t - s->probe_sent_ms > PROBE_IDLE_MS) {
		jsonrpc_send(&s->rpc, json_pack("{s:s, s:[], s:s}", "method", "echo", "params",
						"id", "echo"));
		s->probe_sent_ms = t;
	}
}

int ovn_sb_run(struct ovn_sb *s)
{
	int lost = 0, changed;
	json_t *msg;

	if (!s->connected && now_ms() >= s->retry_at_ms)
		try_connect(s);
	if (!s->connected)
		return 0;
	if (jsonrpc_flush(&s->rpc) < 0) {
		disconnect(s, "connection lost");
		return 0;
	}
	while ((msg = jsonrpc_recv(&s->rpc, &lost)) != NULL) {
		s->last_rx_ms = now_ms();
		on_message(s, msg);
		json_decref(msg);
		if (!s->connected)
			return 0;
	}
	if (lost) {
		disconnect(s, "connection closed");
		return 0;
	}
	probe(s);
	changed = s->changed && s->synced;
	if (changed)
		s->changed = 0;
	return changed;
}

void ovn_sb_write_rows(struct ovn_sb *s, const struct sb_chassis_want *want)
{
	json_t *params;

	if (!s->synced || s->txn_id >= 0)
		return;
	params = json_pack("[s]", "OVN_Southbound");
	if (sb_rows_ops(&s->sb, want, params) == 0) {
		json_decref(params);
		return;
	}
	s->txn_id = jsonrpc_request(&s->rpc, "transact", params);
	if (s->txn_id < 0)
		disconnect(s, "cannot send a transaction");
}
