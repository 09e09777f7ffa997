// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ovsdb_session.c - connecting, monitoring and staying connected to one
 * OVSDB database (see ovsdb_session.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "ovsdb/messages.h"
#include "ovsdb_session.h"

#define PROBE_IDLE_MS 5000      /* silent this long: send an echo */
#define PROBE_DEAD_MS 15000     /* silent this long: the connection is gone */
#define BACKOFF_MIN_MS 1000
#define BACKOFF_MAX_MS 8000
#define SERVER_MONITOR "xovn-server"   /* the monitor id of _Server's rows */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int ovsdb_session_init(struct ovsdb_session *s, const char *option, const char *remotes)
{
	const char *p = remotes;

	s->rpc.fd = -1;
	s->monitor_id = s->server_id = -1;
	s->backoff_ms = BACKOFF_MIN_MS;
	while (*p && s->n_remotes < OVSDB_SESSION_MAX_REMOTES) {
		size_t len = strcspn(p, ",");

		if (len == 0 || len >= sizeof(s->remotes[0]) ||
		    (strncmp(p, "tcp:", 4) != 0 && strncmp(p, "unix:", 5) != 0)) {
			fprintf(stderr, "xovnd: %s: \"%.*s\" is not tcp:IP:PORT or unix:PATH\n",
				option, (int)len, p);
			return -1;
		}
		memcpy(s->remotes[s->n_remotes], p, len);
		s->remotes[s->n_remotes++][len] = '\0';
		p += len + (p[len] == ',');
	}
	if (!s->n_remotes || *p) {
		fprintf(stderr, "xovnd: %s: give 1 to %d remotes\n", option,
			OVSDB_SESSION_MAX_REMOTES);
		return -1;
	}
	return 0;
}

void ovsdb_session_disconnect(struct ovsdb_session *s, const char *why)
{
	if (s->connected)
		log_info("%s %s: %s; the dataplane keeps its state, reconnecting", s->label,
			 s->rpc.remote, why);
	jsonrpc_close(&s->rpc);
	s->connected = s->synced = 0;
	s->monitor_id = s->server_id = -1;
	s->retry_at_ms = now_ms() + s->backoff_ms;
	s->backoff_ms = s->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : s->backoff_ms * 2;
}

void ovsdb_session_close(struct ovsdb_session *s)
{
	jsonrpc_close(&s->rpc);
	s->connected = s->synced = 0;
}

int ovsdb_session_fd(const struct ovsdb_session *s, int *want_write)
{
	*want_write = s->connected && jsonrpc_pending(&s->rpc);
	return s->connected ? s->rpc.fd : -1;
}

static void try_connect(struct ovsdb_session *s)
{
	const char *remote = s->remotes[s->next_remote];
	char err[320];

	s->next_remote = (s->next_remote + 1) % s->n_remotes;
	if (jsonrpc_open(&s->rpc, remote, err, sizeof(err)) < 0) {
		log_debug("%s: %s", s->label, err);
		ovsdb_session_disconnect(s, err);
		return;
	}
	s->connected = 1;
	s->last_rx_ms = now_ms();
	s->probe_sent_ms = 0;
	/* As OVS's IDL does: is this member part of a working cluster? */
	s->server_id = jsonrpc_request(&s->rpc, "monitor",
				       ovsdb_server_monitor_params(SERVER_MONITOR));
	s->monitor_id = jsonrpc_request(&s->rpc, "monitor",
					ovsdb_monitor_params(s->db, "xovn", s->monitor_requests()));
	if (s->monitor_id < 0)
		ovsdb_session_disconnect(s, "cannot send the monitor request");
	else
		log_info("%s: connected to %s", s->label, remote);
}

/*
 * The _Server rows (initial or updated): a clustered member that is not
 * connected to its cluster serves stale data and takes no writes, so look
 * for another member.
 */
static void check_server(struct ovsdb_session *s, const json_t *updates)
{
	if (ovsdb_server_disconnected(updates, s->db))
		ovsdb_session_disconnect(s, "this member is not connected to its cluster");
}

static void on_monitor_reply(struct ovsdb_session *s, const json_t *msg)
{
	s->monitor_id = -1;
	if (ovsdb_msg_failed(msg)) {
		ovsdb_session_disconnect(s, "monitor refused");
		return;
	}
	ovsdb_replica_clear(s->replica);
	if (ovsdb_replica_apply(s->replica, ovsdb_msg_result(msg)) < 0) {
		ovsdb_session_disconnect(s, "malformed monitor reply");
		return;
	}
	s->synced = 1;
	s->backoff_ms = BACKOFF_MIN_MS;
	s->on_event(s->owner, OVSDB_SYNCED, NULL);
}

static void on_reply(struct ovsdb_session *s, const json_t *msg)
{
	if (ovsdb_msg_answers(msg, s->server_id)) {
		s->server_id = -1;
		if (!ovsdb_msg_failed(msg))
			check_server(s, ovsdb_msg_result(msg));  /* none: standalone */
	} else if (ovsdb_msg_answers(msg, s->monitor_id)) {
		on_monitor_reply(s, msg);
	} else {
		s->on_event(s->owner, OVSDB_REPLY, msg);
	}
}

static void on_update(struct ovsdb_session *s, const json_t *msg)
{
	const json_t *updates;
	const char *which = ovsdb_msg_update(msg, &updates);

	if (which && strcmp(which, SERVER_MONITOR) == 0) {
		check_server(s, updates);
	} else if (s->synced) {
		if (ovsdb_replica_apply(s->replica, updates) < 0)
			ovsdb_session_disconnect(s, "malformed update");
		else
			s->on_event(s->owner, OVSDB_UPDATE, updates);
	}
}

static void on_message(struct ovsdb_session *s, const json_t *msg)
{
	const char *method = ovsdb_msg_method(msg);

	if (!method)
		on_reply(s, msg);
	else if (strcmp(method, "echo") == 0)
		jsonrpc_send(&s->rpc, ovsdb_echo_reply(msg));
	else if (strcmp(method, "update") == 0)
		on_update(s, msg);
}

static void probe(struct ovsdb_session *s)
{
	long long t = now_ms();

	if (t - s->last_rx_ms > PROBE_DEAD_MS) {
		ovsdb_session_disconnect(s, "no answer to the inactivity probe");
	} else if (t - s->last_rx_ms > PROBE_IDLE_MS && t - s->probe_sent_ms > PROBE_IDLE_MS) {
		jsonrpc_send(&s->rpc, ovsdb_echo_request());
		s->probe_sent_ms = t;
	}
}

void ovsdb_session_run(struct ovsdb_session *s)
{
	json_t *msg;
	int lost = 0;

	if (!s->connected && now_ms() >= s->retry_at_ms)
		try_connect(s);
	if (!s->connected)
		return;
	if (jsonrpc_flush(&s->rpc) < 0) {
		ovsdb_session_disconnect(s, "connection lost");
		return;
	}
	while ((msg = jsonrpc_recv(&s->rpc, &lost)) != NULL) {
		s->last_rx_ms = now_ms();
		on_message(s, msg);
		json_decref(msg);
		if (!s->connected)
			return;
	}
	if (lost) {
		ovsdb_session_disconnect(s, "connection closed");
		return;
	}
	probe(s);
}
