// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ovn_sb.c - the Southbound session (see ovn_sb.h).
 */
#include <string.h>

#include "log.h"
#include "ovn_sb.h"
#include "ovsdb/messages.h"
#include "ovsdb/sb_model.h"

static void on_event(void *owner, enum ovsdb_event ev, const json_t *msg);

int ovn_sb_init(struct ovn_sb *s, const char *remotes)
{
	memset(s, 0, sizeof(*s));
	s->txn_id = -1;
	ovsdb_replica_init(&s->sb);
	sb_changes_init(&s->changes);
	s->session = (struct ovsdb_session){
		.label = "OVN SB", .db = "OVN_Southbound",
		.monitor_requests = sb_model_monitor_requests,
		.replica = &s->sb, .on_event = on_event, .owner = s,
	};
	return ovsdb_session_init(&s->session, "--ovn-remote", remotes);
}

void ovn_sb_free(struct ovn_sb *s)
{
	sb_changes_free(&s->changes);
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
	return sb_global_nb_cfg(&s->sb);
}

static void log_txn_error(const char *error, const char *details, void *arg)
{
	(void)arg;
	log_info("OVN SB: transaction failed: %s: %s", error, details);
}

static void on_txn_reply(struct ovn_sb *s, const json_t *msg)
{
	if (!ovsdb_msg_answers(msg, s->txn_id))
		return;
	s->txn_id = -1;
	ovsdb_txn_errors(msg, log_txn_error, NULL);
	if (ovsdb_msg_failed(msg))
		log_info("OVN SB: transaction refused");
}

int ovn_sb_take_changes(struct ovn_sb *s, json_t **dps)
{
	return sb_changes_take(&s->changes, dps);
}

static void on_event(void *owner, enum ovsdb_event ev, const json_t *msg)
{
	struct ovn_sb *s = owner;

	if (ev == OVSDB_SYNCED) {
		s->changed = s->changes.full = 1;
		log_info("OVN SB: %zu port bindings, %zu chassis",
			 ovsdb_replica_count(&s->sb, "Port_Binding"),
			 ovsdb_replica_count(&s->sb, "Chassis"));
	} else if (ev == OVSDB_UPDATE) {
		sb_changes_note(&s->changes, &s->sb, msg);
		s->changed = sb_changes_any(&s->changes);
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
	params = ovsdb_transact_params("OVN_Southbound");
	if (sb_rows_ops(&s->sb, want, params) == 0) {
		json_decref(params);
		return;
	}
	s->txn_id = jsonrpc_request(&s->session.rpc, "transact", params);
	if (s->txn_id < 0)
		ovsdb_session_disconnect(&s->session, "cannot send a transaction");
}
