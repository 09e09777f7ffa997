// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ovn_nb.c - the Northbound session (see ovn_nb.h).  Every change of the
 * two monitored tables is a change of some router's routes or options,
 * which the model takes whole.
 */
#include <string.h>

#include "log.h"
#include "ovn_nb.h"
#include "ovsdb/nb_routes.h"

static void on_event(void *owner, enum ovsdb_event ev, const json_t *msg)
{
	struct ovn_nb *n = owner;

	(void)msg;
	if (ev == OVSDB_SYNCED)
		log_info("OVN NB: %zu logical routers, %zu static routes",
			 ovsdb_replica_count(&n->nb, "Logical_Router"),
			 ovsdb_replica_count(&n->nb, "Logical_Router_Static_Route"));
	if (ev == OVSDB_SYNCED || ev == OVSDB_UPDATE)
		n->changed = 1;
}

int ovn_nb_init(struct ovn_nb *n, const char *remotes)
{
	memset(n, 0, sizeof(*n));
	ovsdb_replica_init(&n->nb);
	n->session = (struct ovsdb_session){
		.label = "OVN NB", .db = "OVN_Northbound",
		.monitor_requests = nb_routes_monitor_requests,
		.replica = &n->nb, .on_event = on_event, .owner = n,
	};
	return ovsdb_session_init(&n->session, "--ovn-nb-remote", remotes);
}

void ovn_nb_free(struct ovn_nb *n)
{
	ovsdb_session_close(&n->session);
	ovsdb_replica_free(&n->nb);
}

int ovn_nb_fd(const struct ovn_nb *n, int *want_write)
{
	return ovsdb_session_fd(&n->session, want_write);
}

int ovn_nb_run(struct ovn_nb *n)
{
	int changed;

	ovsdb_session_run(&n->session);
	changed = n->changed && n->session.synced;
	if (changed)
		n->changed = 0;
	return changed;
}
