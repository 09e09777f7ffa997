/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * remote_hop.h - an xovn_remote_hops entry from the kernel's answers: the
 * route toward a remote encap IP (RTM_GETROUTE with RTM_F_FIB_MATCH, so a
 * multipath route shows as one) and the neighbour entry of its next hop
 * (RTM_GETNEIGH).  Pure: bytes in, entry out; loader/remote_hops.c asks.
 *
 * Only what bpf_fib_lookup() would answer the same for every frame makes
 * an entry: a unicast route with one next hop (no multipath, no nexthop
 * object, whose choice may depend on the flow) and a neighbour in a state
 * the FIB lookup accepts (NUD_VALID).  Anything else is no entry, and the
 * datapath asks the FIB itself.
 */
#ifndef XOVN_DATAPLANE_REMOTE_HOP_H
#define XOVN_DATAPLANE_REMOTE_HOP_H

#include <linux/netlink.h>
#include <stddef.h>
#include <stdint.h>

#include "xovn_maps.h"

struct xovn_hop_route {
	uint32_t oif;      /* egress interface */
	uint32_t via;      /* the neighbour to resolve: gateway or destination, network order */
	uint32_t mtu;      /* the route's MTU metric, 0 when it has none */
};

/*
 * The route answered for dst_be (network order) in the len bytes at nh:
 * 0 with *r filled, -1 when it is not a unicast route through one next hop
 * (or an error answer).
 */
int xovn_hop_route_parse(const struct nlmsghdr *nh, size_t len, uint32_t dst_be,
			 struct xovn_hop_route *r);

/* The neighbour answered in the len bytes at nh: 0 with its MAC when usable, else -1. */
int xovn_hop_neigh_parse(const struct nlmsghdr *nh, size_t len, uint8_t mac[6]);

/* The entry for a route, its next hop's MAC and the egress interface's MAC and MTU. */
void xovn_hop_make(const struct xovn_hop_route *r, const uint8_t next_hop_mac[6],
		   const uint8_t if_mac[6], uint32_t if_mtu, struct xovn_remote_hop *hop);

#endif /* XOVN_DATAPLANE_REMOTE_HOP_H */
