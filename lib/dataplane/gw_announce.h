/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * gw_announce.h - the announcements a chassis owes the physical network
 * after a map write: for each distributed gateway port that the write made
 * active here (an xovn_gw_ports upsert with XOVN_GW_ACTIVE_HERE), out of
 * its switch's localnet interface here, from the port's MAC, a gratuitous
 * ARP for its first IPv4 address and an unsolicited neighbour advertisement
 * for each of its IPv6 addresses (link-local included).  The physical
 * network then sends the port's traffic to this chassis at once, instead
 * of after its next frame.
 */
#ifndef XOVN_DATAPLANE_GW_ANNOUNCE_H
#define XOVN_DATAPLANE_GW_ANNOUNCE_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "dataplane/mapset.h"

/* IPv6 addresses announced per port; more are left out (a port rarely has two). */
#define XOVN_GW_ANNOUNCE_IP6_MAX 4

struct xovn_gw_announce {
	uint32_t ifindex;   /* the localnet interface */
	uint16_t vid;       /* its VLAN (0 = untagged) */
	uint8_t mac[6];
	uint32_t ip4;       /* network order; 0 = no IPv4 network */
	uint32_t n_ip6;
	struct in6_addr ip6[XOVN_GW_ANNOUNCE_IP6_MAX];
};

/*
 * Fills out[0..max) from the upserts up of a write and the set applied
 * after it (sorted); returns how many (at most max).
 */
size_t xovn_gw_announcements(const struct xovn_mapset *up, const struct xovn_mapset *applied,
			     struct xovn_gw_announce *out, size_t max);

#endif /* XOVN_DATAPLANE_GW_ANNOUNCE_H */
