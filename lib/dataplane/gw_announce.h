/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * gw_announce.h - the gratuitous ARPs a chassis owes the physical network
 * after a map write: one for each distributed gateway port that the write
 * made active here (an xovn_gw_ports upsert with XOVN_GW_ACTIVE_HERE), from
 * the port's MAC and first IPv4 address, out of its switch's localnet
 * interface here.  The physical network then sends the port's traffic to
 * this chassis at once, instead of after its next frame.
 */
#ifndef XOVN_DATAPLANE_GW_ANNOUNCE_H
#define XOVN_DATAPLANE_GW_ANNOUNCE_H

#include <stddef.h>
#include <stdint.h>

#include "dataplane/mapset.h"

struct xovn_gw_announce {
	uint32_t ifindex;   /* the localnet interface */
	uint16_t vid;       /* its VLAN (0 = untagged) */
	uint8_t mac[6];
	uint32_t ip4;       /* network order */
};

/*
 * Fills out[0..max) from the upserts up of a write and the set applied
 * after it (sorted); returns how many (at most max).
 */
size_t xovn_gw_announcements(const struct xovn_mapset *up, const struct xovn_mapset *applied,
			     struct xovn_gw_announce *out, size_t max);

#endif /* XOVN_DATAPLANE_GW_ANNOUNCE_H */
