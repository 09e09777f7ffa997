/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ovn_sb.h - xovnd as a chassis of an OVN deployment: a session with the
 * Southbound database (--ovn-remote), its monitored replica, and the rows
 * this chassis writes (lib/ovsdb/sb_rows.h).
 *
 * Life of a session: connect to one of the remotes (round robin, backoff
 * 1 s doubling to 8 s), "monitor" the tables of sb_model.h, replace the
 * replica with the initial reply, follow "update" notifications, answer
 * the server's echo probes and probe it when it is silent.  While it is
 * disconnected the replica stays as last seen: the dataplane keeps its
 * state (a change of the local file is still applied against it), and the
 * next connection's initial reply replaces the replica whole.
 */
#ifndef XOVND_OVN_SB_H
#define XOVND_OVN_SB_H

#include <jansson.h>

#include "ovsdb/jsonrpc.h"
#include "ovsdb/replica.h"
#include "ovsdb/sb_rows.h"

#define OVN_SB_MAX_REMOTES 8

struct ovn_sb {
	char remotes[OVN_SB_MAX_REMOTES][256];
	int n_remotes, next_remote;
	struct jsonrpc rpc;
	int connected;              /* socket open */
	int synced;                 /* the initial monitor reply is in the replica */
	long long monitor_id, txn_id;   /* outstanding requests, -1 for none */
	long long server_id;        /* the _Server monitor request, -1 when answered */
	struct ovsdb_replica sb;
	long long last_rx_ms, probe_sent_ms, retry_at_ms;
	int backoff_ms;
	int changed;                /* the model's rows changed since it was last built */
	int changed_full;           /* ... beyond the ports of changed_dps */
	json_t *changed_dps;        /* Datapath_Binding UUIDs whose ports alone changed */
};

/* Parses "tcp:IP:PORT[,unix:PATH...]".  0 ok, -1 with a message on stderr. */
int ovn_sb_init(struct ovn_sb *s, const char *remotes);
void ovn_sb_free(struct ovn_sb *s);
/* The fd to poll (-1 while disconnected) and whether to poll for output too. */
int ovn_sb_fd(const struct ovn_sb *s, int *want_write);
/*
 * Connects, reads, answers probes, applies updates.  Call on every wakeup.
 * Returns 1 when rows the model is built from changed since the last call
 * that returned 1 (not for nb_cfg reports or Port_Binding.up alone).
 */
int ovn_sb_run(struct ovn_sb *s);
/*
 * What changed since the last call: 1 when the model must be built whole,
 * 0 when only the ports of the datapaths in *dps (a new reference, an
 * object keyed by Datapath_Binding UUID) changed.
 */
int ovn_sb_take_changes(struct ovn_sb *s, json_t **dps);
/* SB_Global.nb_cfg in the replica, -1 when unknown. */
long long ovn_sb_nb_cfg(const struct ovn_sb *s);
/*
 * Writes what this chassis owns (registration, claims, nb_cfg), one
 * transaction at a time; nothing when the database already says it.
 */
void ovn_sb_write_rows(struct ovn_sb *s, const struct sb_chassis_want *want);

#endif /* XOVND_OVN_SB_H */
