/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ovn_nb.h - the read-only session with OVN's Northbound database
 * (--ovn-nb-remote): a replica of Logical_Router and
 * Logical_Router_Static_Route (lib/ovsdb/nb_routes.h), whose routes the SB
 * does not hold.  Same connection behaviour as the SB's (ovsdb_session.h);
 * nothing is ever written.
 */
#ifndef XOVND_OVN_NB_H
#define XOVND_OVN_NB_H

#include "ovsdb/replica.h"
#include "ovsdb_session.h"

struct ovn_nb {
	struct ovsdb_session session;
	struct ovsdb_replica nb;
	int changed;                /* routes or router options changed since the last run */
};

/* Parses "tcp:IP:PORT[,unix:PATH...]".  0 ok, -1 with a message on stderr. */
int ovn_nb_init(struct ovn_nb *n, const char *remotes);
void ovn_nb_free(struct ovn_nb *n);
/* The fd to poll (-1 while disconnected) and whether to poll for output too. */
int ovn_nb_fd(const struct ovn_nb *n, int *want_write);
/*
 * Connects, reads, answers probes, applies updates.  Call on every wakeup.
 * Returns 1 when the replica changed (a first sync included) since the
 * last call that returned 1.
 */
int ovn_nb_run(struct ovn_nb *n);

#endif /* XOVND_OVN_NB_H */
