/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ovn_sb.h - xovnd as a chassis of an OVN deployment: a session with the
 * Southbound database (--ovn-remote), its monitored replica, and the rows
 * this chassis writes (lib/ovsdb/sb_rows.h).
 *
 * The connection (remotes, backoff, probes, cluster membership) is an
 * ovsdb_session; while it is down the replica stays as last seen, so the
 * dataplane keeps its state (a change of the local file is still applied
 * against it).
 */
#ifndef XOVND_OVN_SB_H
#define XOVND_OVN_SB_H

#include <jansson.h>

#include "ovsdb/replica.h"
#include "ovsdb/sb_changes.h"
#include "ovsdb/sb_rows.h"
#include "ovsdb_session.h"

struct ovn_sb {
	struct ovsdb_session session;
	long long txn_id;           /* outstanding transaction, -1 for none */
	struct ovsdb_replica sb;
	/* The NB replica of the routers' static routes (ovn_nb.h), NULL without --ovn-nb-remote. */
	const struct ovsdb_replica *nb;
	int changed;                /* the model's rows changed since it was last built */
	struct sb_changes changes;  /* ... how: whole, or the ports of some switches */
};

/* Parses "tcp:IP:PORT[,unix:PATH...]".  0 ok, -1 with a message on stderr. */
int ovn_sb_init(struct ovn_sb *s, const char *remotes);
void ovn_sb_free(struct ovn_sb *s);
/* Has the initial monitor reply arrived (since the last reconnection)? */
int ovn_sb_synced(const struct ovn_sb *s);
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
