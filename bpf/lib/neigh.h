/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * neigh.h - a router's neighbours: next hop IP -> MAC, from the compiler
 * (xovn_neigh_v2) or learned by the datapath (xovn_mac_binding, OVN's
 * MAC_Binding) from ARP replies and neighbour advertisements addressed to
 * the router.
 */
#ifndef XOVN_BPF_NEIGH_H
#define XOVN_BPF_NEIGH_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include "maps.h"

static __always_inline void xovn_neigh_key_fill(struct xovn_neigh_key *k, __u32 rtr_key,
						__u32 family, const __u8 *ip)
{
	k->rtr_key = rtr_key;
	k->family = family;
	__builtin_memcpy(k->ip, ip, 16);
}

/*
 * Copies the MAC of ip into mac: the compiler's entry first, then a learned
 * one.  A compiled entry of switch ls_dp_key also hands over its copy of
 * that switch's fdb value for the MAC (into fdb): 1 then, the frame needs
 * no L2 lookup there.  0 with the MAC alone, -1 when none is known.
 */
static __always_inline int xovn_neigh_lookup(__u32 rtr_key, __u32 family, const __u8 *ip,
					     __u32 ls_dp_key, __u8 mac[ETH_ALEN],
					     struct xovn_fdb_val *fdb)
{
	struct xovn_neigh_key k;
	const struct xovn_neigh_fdb_val *c;
	const struct xovn_neigh_val *v;

	xovn_neigh_key_fill(&k, rtr_key, family, ip);
	c = xovn_lookup(&xovn_neigh_v2, &k);
	if (c) {
		__builtin_memcpy(mac, c->mac, ETH_ALEN);
		if (!c->fdb.port_key || c->ls_dp_key != ls_dp_key)
			return 0;
		__builtin_memcpy(fdb, &c->fdb, sizeof(*fdb));
		return 1;
	}
	v = xovn_lookup(&xovn_mac_binding, &k);
	if (!v)
		return -1;
	__builtin_memcpy(mac, v->mac, ETH_ALEN);
	return 0;
}

/* Records (or refreshes) ip -> mac learned on router port lrp_key. */
static __always_inline void xovn_neigh_learn(__u32 rtr_key, __u32 family, const __u8 *ip,
					     const __u8 *mac, __u16 lrp_key)
{
	struct xovn_neigh_key k;
	struct xovn_neigh_val v = { .lrp_key = lrp_key };

	xovn_neigh_key_fill(&k, rtr_key, family, ip);
	__builtin_memcpy(v.mac, mac, ETH_ALEN);
	v.seen_ns = bpf_ktime_get_ns();
	bpf_map_update_elem(&xovn_mac_binding, &k, &v, BPF_ANY);
}

#endif /* XOVN_BPF_NEIGH_H */
