/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * route_nl.h - kernel routing tables over rtnetlink, for route exchange:
 * list the routes of a table or of a protocol, add and remove blackhole
 * routes, and a subscription to route changes.
 */
#ifndef XOVND_ROUTE_NL_H
#define XOVND_ROUTE_NL_H

#include <net/if.h>
#include <stdint.h>

#include "util/addr.h"

/* One route as the kernel lists it. */
struct route_nl_entry {
	uint32_t table;
	uint8_t protocol;         /* rtm_protocol */
	uint8_t type;             /* rtm_type: RTN_UNICAST, RTN_BLACKHOLE, ... */
	struct xovn_ip dst;       /* plen = the route's prefix length */
	int has_gateway;          /* gateway holds its (first) next hop */
	struct xovn_ip gateway;
	int via_other_family;     /* RTA_VIA: its next hop is of the other family (RFC 5549) */
	int oif;                  /* 0 when none */
};

typedef int (*route_nl_fn)(const struct route_nl_entry *e, void *arg);

/*
 * Lists the IPv4 and IPv6 routes of table (0: every table) made by
 * protocol (0: any), calling fn for each; fn returning < 0 stops the list.
 * 0 ok, a negative errno, or what fn returned.
 */
int route_nl_list(uint32_t table, uint8_t protocol, route_nl_fn fn, void *arg);

/* Adds (replacing) / removes a blackhole route of protocol with metric.  0 or -errno. */
int route_nl_blackhole(int add, uint32_t table, const struct xovn_ip *dst, uint8_t protocol,
		       uint32_t metric);

/* A non-blocking socket that receives every IPv4 and IPv6 route change; -1 logged. */
int route_nl_subscribe(void);

/*
 * Reads what is pending on a subscription; calls fn for each route
 * changed.  1 when messages were lost (the tables must be read again),
 * else 0.
 */
int route_nl_drain(int fd, route_nl_fn fn, void *arg);

#endif /* XOVND_ROUTE_NL_H */
