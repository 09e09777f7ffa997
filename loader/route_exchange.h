/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * route_exchange.h - keeps the kernel routing tables of the routers this
 * chassis advertises (routeexch/advertise.h) equal to what they advertise,
 * and takes the routes a routing daemon installed there into the model
 * (routeexch/learned.h).
 *
 * Each table holds one blackhole route of protocol XOVN_RTPROT per
 * advertised prefix; xovnd adds and removes only those, so a routing
 * daemon's routes in the same table are never touched.  Routes of ours in
 * a table no router here uses any more (a router deleted, a failover,
 * a restart with another model) are removed.  One xovnd per network
 * namespace exchanges routes.
 */
#ifndef XOVND_ROUTE_EXCHANGE_H
#define XOVND_ROUTE_EXCHANGE_H

#include "routeexch/advertise.h"
#include "routeexch/learned.h"

struct chassis;

struct route_exchange {
	int fd;                          /* route change subscription, -1 when none */
	struct xovn_adv_set applied;     /* what the tables hold, as last written */
	struct xovn_learned_set learned; /* in the typed model (chassis.learned) */
	int stale;                       /* the tables may differ from applied: read them */
	int failing;                     /* the last write failed (logged once) */
	size_t other_family;             /* learned routes left out for their next hop's family */
};

/* Subscribes to route changes.  0 ok, -1 logged (then tables are read every second). */
int route_exchange_open(struct route_exchange *rx);
/* The routes stay: like the datapath, they outlive the daemon. */
void route_exchange_close(struct route_exchange *rx);
/* The subscription's fd for poll, -1 when none. */
int route_exchange_fd(const struct route_exchange *rx);
/* Reads pending route changes; marks the tables stale when one concerns them. */
void route_exchange_drain(struct route_exchange *rx);

/*
 * Brings the tables to what c's model in force advertises from c, and the
 * model to the routes learned there (a change recompiles).
 */
void route_exchange_run(struct route_exchange *rx, struct chassis *c);

/* Removes every route of ours, in every table (xovnd --cleanup).  0 or -errno. */
int route_exchange_flush(void);

#endif /* XOVND_ROUTE_EXCHANGE_H */
