/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * routeexch.h - dynamic routing as OVN spells it on logical routers and
 * their ports (ovn-nb(5): dynamic-routing, dynamic-routing-vrf-id,
 * dynamic-routing-vrf-name, dynamic-routing-redistribute,
 * dynamic-routing-port-name), read from the typed model.
 *
 * A router with options:dynamic-routing=true exchanges routes through one
 * kernel routing table: its dynamic-routing-vrf-id, else its tunnel key.
 * xovnd writes the routes to advertise there as blackhole routes of its own
 * protocol (XOVN_RTPROT) for a routing daemon to redistribute, and reads
 * back the routes that daemon installed there (routes learned from the
 * fabric).
 */
#ifndef XOVN_ROUTEEXCH_H
#define XOVN_ROUTEEXCH_H

#include <stddef.h>
#include <stdint.h>

#include "model/types.h"
#include "util/prefix.h"

/* rtm_protocol of the routes xovnd writes ("88 xovn" in /etc/iproute2/rt_protos.d/). */
#define XOVN_RTPROT 88
/* Their metric: above what routing daemons give theirs, so both can hold one prefix. */
#define XOVN_RT_METRIC 1000

/* What dynamic-routing-redistribute lists (comma separated). */
enum xovn_redist {
	XOVN_REDIST_CONNECTED = 1u << 0,          /* the ports' networks */
	XOVN_REDIST_CONNECTED_AS_HOST = 1u << 1,  /* the ports' addresses, as /32 or /128 */
	XOVN_REDIST_STATIC = 1u << 2,             /* dst-ip static routes */
	XOVN_REDIST_NAT = 1u << 3,                /* NAT external IPs, as /32 or /128 */
	XOVN_REDIST_LB = 1u << 4,                 /* load balancer VIPs (none in this model) */
};

/* A router's dynamic routing settings. */
struct xovn_dynrouting {
	uint32_t table_id;           /* the kernel routing table */
	const char *vrf_name;        /* dynamic-routing-vrf-name, NULL when absent */
	unsigned redistribute;       /* the router's enum xovn_redist bits */
};

/*
 * Reads r's options: 1 dynamic routing is on (*out filled), 0 it is off,
 * -1 a value is wrong (err says which and why).
 */
int xovn_dynrouting_of(const struct xovn_lr *r, struct xovn_dynrouting *out, char *err,
		       size_t len);

/* "connected,static,..." into bits.  0 ok, -1 an unknown kind (err names it). */
int xovn_redistribute_parse(const char *text, unsigned *bits, char *err, size_t len);

/*
 * What a port redistributes: its own dynamic-routing-redistribute when it
 * has one, else the router's (router_bits).  A value that does not parse
 * counts as nothing (the validator refuses it).
 */
unsigned xovn_lrp_redistribute(const struct xovn_lrp *p, unsigned router_bits);

/* A routing table id a router may use: not 0, not the kernel's 252-255. */
int xovn_table_id_ok(int64_t id);

#endif /* XOVN_ROUTEEXCH_H */
