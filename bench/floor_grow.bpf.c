// SPDX-License-Identifier: GPL-2.0-only
/*
 * floor_grow.bpf.c - the routed and switched paths' lookups on xovn's own
 * maps, filled by the compiler for a model of a given size: one copy of
 * this object per model size, its maps those of that size's datapath
 * (bench/floor_grow.c).  Where bench/floor.bpf.c shows what the lookups
 * cost on maps holding a handful of entries, these show whether one of
 * them costs more when its map holds 100,000.
 *
 *   grow_ingress    the ingress port: xovn_ingress_idx by ifindex
 *   grow_fdb_in     the L2 lookup that lands on the router LSP (xovn_fdb_v2)
 *   grow_route      the destination route (xovn_routes_v2, LPM)
 *   grow_neigh      the next hop's MAC and fdb value (xovn_neigh_v2)
 *   grow_fdb_out    the L2 lookup in the out switch (xovn_fdb_v2) that the
 *                   neighbour's fdb value saves a routed frame
 *     each: that one lookup, then the minimal redirect (baseline.bpf.c)
 *   grow_unicast    local unicast's lookups, counters and redirect
 *   grow_routed     a router hop's: ingress, fdb (router LSP), route,
 *                   neighbour (with the out port's fdb value), one store
 *                   of the rewritten bytes, counters, redirect
 *
 * Keys come from the frame (eth.dst, IPv4 destination) and from the
 * constants below, which bench/floor_grow.c sets from the bench model.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include "maps.h"
#include "floor_count.h"

const volatile __u32 target_ifindex = 1;
const volatile __u32 dp_in = 0;      /* the routed frame's switch */
const volatile __u32 dp_out = 0;     /* the switch the router sends it into */
const volatile __u32 rtr_key = 0;
const volatile __u8 nh_mac[ETH_ALEN] = {};

static __always_inline struct ethhdr *grow_eth(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;

	if (data + ETH_HLEN + sizeof(struct iphdr) > (void *)(long)skb->data_end)
		return NULL;
	return data;
}

static __always_inline __be32 grow_daddr(const struct ethhdr *eth)
{
	return ((const struct iphdr *)(eth + 1))->daddr;
}

static __always_inline const struct xovn_ingress_val *grow_ingress_of(struct __sk_buff *skb)
{
	__u32 ifindex = skb->ingress_ifindex;
	const struct xovn_ingress_val *in = bpf_map_lookup_elem(&xovn_ingress_idx, &ifindex);

	return in && in->dp_key ? in : NULL;
}

static __always_inline const struct xovn_fdb_val *grow_fdb(__u32 dp, const volatile __u8 *mac)
{
	struct xovn_fdb_key k = { .dp_key = dp };

	/* byte by byte: a plain copy of the constant would be folded to its initializer */
	for (int i = 0; i < ETH_ALEN; i++)
		k.mac[i] = mac[i];
	return bpf_map_lookup_elem(&xovn_fdb_v2, &k);
}

static __always_inline const struct xovn_route_val *grow_route_of(__u32 rtr, __be32 daddr)
{
	struct xovn_route_key k = { .prefixlen = XOVN_ROUTE_FIXED_BITS + 128, .rtr_key = rtr,
				    .family = XOVN_AF_IPV4 };

	__builtin_memcpy(k.ip, &daddr, 4);
	return bpf_map_lookup_elem(&xovn_routes_v2, &k);
}

static __always_inline const struct xovn_neigh_fdb_val *grow_neigh_of(__u32 rtr, __be32 daddr)
{
	struct xovn_neigh_key k = { .rtr_key = rtr, .family = XOVN_AF_IPV4 };

	__builtin_memcpy(k.ip, &daddr, 4);
	return bpf_map_lookup_elem(&xovn_neigh_v2, &k);
}

static __always_inline void grow_count(__u32 slot, __u32 len, int tx)
{
	floor_count_in(&xovn_port_stats, slot, len, tx);
}

/* One lookup's verdict: the minimal redirect when it found its entry. */
static __always_inline int grow_hit(const void *found)
{
	return found ? bpf_redirect(target_ifindex, 0) : TC_ACT_SHOT;
}

SEC("tc")
int grow_ingress(struct __sk_buff *skb)
{
	return grow_hit(grow_ingress_of(skb));
}

SEC("tc")
int grow_fdb_in(struct __sk_buff *skb)
{
	struct ethhdr *eth = grow_eth(skb);

	return eth ? grow_hit(grow_fdb(dp_in, eth->h_dest)) : TC_ACT_SHOT;
}

SEC("tc")
int grow_route(struct __sk_buff *skb)
{
	struct ethhdr *eth = grow_eth(skb);

	return eth ? grow_hit(grow_route_of(rtr_key, grow_daddr(eth))) : TC_ACT_SHOT;
}

SEC("tc")
int grow_neigh(struct __sk_buff *skb)
{
	struct ethhdr *eth = grow_eth(skb);

	return eth ? grow_hit(grow_neigh_of(rtr_key, grow_daddr(eth))) : TC_ACT_SHOT;
}

SEC("tc")
int grow_fdb_out(struct __sk_buff *skb)
{
	return grow_hit(grow_fdb(dp_out, nh_mac));
}

/* The out port's counters and the redirect to it. */
static __always_inline int grow_deliver(struct __sk_buff *skb, const struct xovn_ingress_val *in,
					const struct xovn_fdb_val *out)
{
	if (!out)
		return TC_ACT_SHOT;
	grow_count(in->slot, skb->len, 0);
	grow_count(out->port.slot, skb->len, 1);
	return bpf_redirect_peer(out->port.ifindex, 0);
}

SEC("tc")
int grow_unicast(struct __sk_buff *skb)
{
	const struct xovn_ingress_val *in = grow_ingress_of(skb);
	struct ethhdr *eth = grow_eth(skb);

	if (!eth || !in)
		return TC_ACT_SHOT;
	return grow_deliver(skb, in, grow_fdb(in->dp_key, eth->h_dest));
}

/* The bytes a hop rewrites: MACs, type, IPv4 header up to its checksum. */
#define GROW_HDR_LEN (ETH_HLEN + 12)

SEC("tc")
int grow_routed(struct __sk_buff *skb)
{
	struct ethhdr *eth = grow_eth(skb);
	const struct xovn_ingress_val *in = grow_ingress_of(skb);
	const struct xovn_route_val *rt;
	const struct xovn_neigh_fdb_val *nb;
	const struct xovn_fdb_val *lsp;
	__u8 h[GROW_HDR_LEN];
	__be32 daddr;

	if (!eth || !in)
		return TC_ACT_SHOT;
	daddr = grow_daddr(eth);
	lsp = grow_fdb(in->dp_key, eth->h_dest);
	if (!lsp || !lsp->router.rtr_key)
		return TC_ACT_SHOT;
	rt = grow_route_of(lsp->router.rtr_key, daddr);
	nb = rt ? grow_neigh_of(lsp->router.rtr_key, daddr) : NULL;
	if (!nb || !nb->fdb.port_key || nb->ls_dp_key != rt->paths[0].ls_dp_key)
		return TC_ACT_SHOT;
	__builtin_memcpy(h, eth, sizeof(h));
	__builtin_memcpy(h, nb->mac, ETH_ALEN);
	__builtin_memcpy(h + ETH_ALEN, rt->paths[0].mac, ETH_ALEN);
	h[ETH_HLEN + 8]--;
	h[ETH_HLEN + 10]++;   /* stands for the checksum update */
	if (bpf_skb_store_bytes(skb, 0, h, sizeof(h), 0) < 0)
		return TC_ACT_SHOT;
	return grow_deliver(skb, in, &nb->fdb);
}

char LICENSE[] SEC("license") = "GPL";
