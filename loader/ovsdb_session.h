/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ovsdb_session.h - a monitored OVSDB database as xovnd follows it (the
 * Southbound with --ovn-remote, the Northbound with --ovn-nb-remote).
 *
 * Life of a session: connect to one of the remotes (round robin, backoff
 * 1 s doubling to 8 s), ask the server's _Server database whether this
 * member is connected to its cluster (another member otherwise), "monitor"
 * the tables the owner names, replace the replica with the initial reply,
 * follow "update" notifications, answer the server's echo probes and probe
 * it when it is silent.  While it is disconnected the replica stays as
 * last seen; the next connection's initial reply replaces it whole.
 */
#ifndef XOVND_OVSDB_SESSION_H
#define XOVND_OVSDB_SESSION_H

#include <jansson.h>

#include "ovsdb/jsonrpc.h"
#include "ovsdb/replica.h"

#define OVSDB_SESSION_MAX_REMOTES 8

/* What a session hands its owner. */
enum ovsdb_event {
	OVSDB_SYNCED,    /* the initial monitor reply replaced the replica */
	OVSDB_UPDATE,    /* msg: table-updates, already applied to the replica */
	OVSDB_REPLY,     /* msg: the reply to a request of the owner's */
};

struct ovsdb_session {
	const char *label;          /* "OVN SB", for the log */
	const char *db;             /* "OVN_Southbound" */
	json_t *(*monitor_requests)(void);
	char remotes[OVSDB_SESSION_MAX_REMOTES][256];
	int n_remotes, next_remote;
	struct jsonrpc rpc;
	int connected;              /* socket open */
	int synced;                 /* the initial monitor reply is in the replica */
	long long monitor_id, server_id;   /* outstanding requests, -1 for none */
	struct ovsdb_replica *replica;     /* the owner's */
	long long last_rx_ms, probe_sent_ms, retry_at_ms;
	int backoff_ms;
	void (*on_event)(void *owner, enum ovsdb_event ev, const json_t *msg);
	void *owner;
};

/*
 * Parses remotes, "tcp:IP:PORT[,unix:PATH...]" (option names it in the
 * error).  0 ok, -1 with a message on stderr.
 */
int ovsdb_session_init(struct ovsdb_session *s, const char *option, const char *remotes);
void ovsdb_session_close(struct ovsdb_session *s);
/* Drops the connection (logged with why) and schedules the next attempt. */
void ovsdb_session_disconnect(struct ovsdb_session *s, const char *why);
/* The fd to poll (-1 while disconnected) and whether to poll for output too. */
int ovsdb_session_fd(const struct ovsdb_session *s, int *want_write);
/* Connects when due, reads, answers, probes; events go to on_event. */
void ovsdb_session_run(struct ovsdb_session *s);

#endif /* XOVND_OVSDB_SESSION_H */
