/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * remote_hops.h - keeping xovn_remote_hops equal to what the kernel's
 * route and neighbour tables say about the way to each remote chassis.
 *
 * The datapath trusts an entry without asking the FIB, so an entry must
 * never outlive the kernel state it was read from: xovnd listens to every
 * route, rule, neighbour and link change and reads the entries again in
 * the same event loop turn; when change messages were lost it empties the
 * map first (frames fall back to bpf_fib_lookup meanwhile), and it empties
 * it when it stops, since nobody would follow the kernel then.
 */
#ifndef XOVND_REMOTE_HOPS_H
#define XOVND_REMOTE_HOPS_H

#include <stddef.h>
#include <stdint.h>

#include "xovn_maps.h"

/*
 * The next hop toward ip_be (network order) for Geneve from encap_ip out of
 * underlay_ifindex, as the kernel would route it: 0 with *hop filled, -1
 * when there is no entry to make (no route, several next hops, neighbour
 * not resolved).
 */
int remote_hop_resolve(uint32_t underlay_ifindex, uint32_t encap_ip, uint32_t ip_be,
		       struct xovn_remote_hop *hop);

/*
 * Makes map_fd hold an entry for each of ips[0..n) that resolves and
 * nothing else (an ifindex of 0: no underlay, nothing).  Returns the
 * number of entries it holds.
 */
size_t remote_hops_refresh(int map_fd, uint32_t underlay_ifindex, uint32_t encap_ip,
			   const uint32_t *ips, size_t n);

/* Deletes every entry of map_fd. */
void remote_hops_clear(int map_fd);

/* A non-blocking socket on route, rule, neighbour and link changes; -1 logged. */
int remote_hops_subscribe(void);

#define REMOTE_HOPS_QUIET   0   /* nothing that concerns the underlay */
#define REMOTE_HOPS_CHANGED 1   /* read the entries again */
#define REMOTE_HOPS_LOST    2   /* messages were lost: empty the map, then read */

/* Reads what is pending on fd: REMOTE_HOPS_*. */
int remote_hops_drain(int fd, uint32_t underlay_ifindex);

#endif /* XOVND_REMOTE_HOPS_H */
