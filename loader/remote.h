/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * remote.h - the other chassis as seen from this one: their encap IPs are
 * kept resolved on the underlay (neigh.h), so that flood copies and ARP,
 * which find their outer MACs with bpf_fib_lookup(), are not lost while a
 * neighbour is unknown; a chassis that leaves the model is released.  The
 * next hop toward each is kept in xovn_remote_hops (remote_hops.h) as long
 * as xovnd runs.
 */
#ifndef XOVND_REMOTE_H
#define XOVND_REMOTE_H

#include <stddef.h>
#include <stdint.h>

#include "dataplane/mapset.h"

struct remotes {
	uint32_t ifindex;   /* underlay the entries below were asked on */
	uint32_t encap_ip;  /* this chassis' encap IP, network order */
	uint32_t *ips;      /* network order */
	size_t n;
	int hops_map_fd;    /* xovn_remote_hops, -1 for none */
	int hops_sub_fd;    /* route/neighbour/link changes, -1 for none */
};

void remotes_init(struct remotes *r);
/* Keeps the next hops in hops_map_fd from now on (a datapath map, not owned). */
void remotes_follow_hops(struct remotes *r, int hops_map_fd);
/* Empties the next hops (nobody follows the kernel for them after this). */
void remotes_free(struct remotes *r);
/* The socket to poll for underlay changes, -1 when there is none. */
int remotes_hops_fd(const struct remotes *r);
/* After hops_fd became readable: the next hops read again where they changed. */
void remotes_underlay_changed(struct remotes *r);
/*
 * Asks for the other chassis' encap IPs (ips[0..n), network order) on the
 * underlay of the applied config and releases the ones asked for before
 * that are gone.  Called after every apply and on link changes; asking
 * again is cheap and also what keeps a non-managed entry fresh.
 */
void remotes_sync(struct remotes *r, const uint32_t *ips, size_t n,
		  const struct xovn_mapset *applied);

#endif /* XOVND_REMOTE_H */
