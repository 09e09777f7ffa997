// SPDX-License-Identifier: GPL-2.0-only
/*
 * floor.bpf.c - the floor under xovn's per-packet cost: minimal programs
 * that make the same map lookups and helper calls as a path of xovn's
 * datapath, on maps of the same types, key and value layouts and sizes
 * (include/xovn_maps.h), and nothing else: no parsing beyond the fields
 * the keys need, no checks, no tracing.  What xovn costs above its floor is
 * its own logic; what the floor costs above the minimal redirect is the
 * price of the lookups themselves.
 *
 *   floor_unicast        ingress array by ifindex -> fdb hash -> two
 *                        counters -> redirect: local unicast VIF->VIF, an
 *                        untagged frame (xovn_ingress_idx)
 *   floor_unicast_hash   the same with the ingress port from the
 *                        (interface, VID) hash, as a tagged frame finds it
 *   floor_routed         local unicast's lookups plus a router hop: the
 *                        router from the router LSP's fdb value,
 *                        destination LPM (its path carries the out port),
 *                        neighbour hash (its value carries the out
 *                        switch's fdb value), one store of the rewritten
 *                        header bytes
 *   floor_encap          local unicast's lookups landing on a port of
 *                        another chassis, then the next hop toward that
 *                        chassis (remote hop hash), bpf_skb_adjust_room
 *                        with xovn's flags, one write of the 72 front
 *                        bytes (outer MACs from the hop, the inner
 *                        Ethernet header from the frame), redirect
 *
 * bench/pktcost.c fills the maps so that its frames hit in every lookup.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include "xovn_maps.h"
#include "floor_count.h"
#include "floor_move.h"
#include "../bpf/lib/lookup.h"

#define FLOOR_HASH(NAME, KEY, VALUE, MAX)				\
	struct {							\
		__uint(type, BPF_MAP_TYPE_HASH);			\
		__uint(max_entries, MAX);				\
		__type(key, KEY);					\
		__type(value, VALUE);					\
		__uint(map_flags, BPF_F_NO_PREALLOC);			\
	} NAME SEC(".maps")

FLOOR_HASH(fl_ingress, struct xovn_ingress_key, struct xovn_ingress_val, XOVN_MAX_INGRESS);
FLOOR_HASH(fl_fdb, struct xovn_fdb_key, struct xovn_fdb_val, XOVN_MAX_PORTS);
FLOOR_HASH(fl_neigh, struct xovn_neigh_key, struct xovn_neigh_fdb_val, XOVN_MAX_NEIGH);

/* Ingress ports by ifindex (the index), for untagged frames. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, XOVN_MAX_INGRESS_IFINDEX);
	__type(key, __u32);
	__type(value, struct xovn_ingress_val);
} fl_ingress_idx SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, XOVN_MAX_ROUTES);
	__type(key, struct xovn_route_key);
	__type(value, struct xovn_route_val);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} fl_routes SEC(".maps");

/* Preallocated, as xovn's (include/xovn_map_table.h). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XOVN_MAX_REMOTE_HOPS);
	__type(key, __u32);
	__type(value, struct xovn_remote_hop);
} fl_remote_hops SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XOVN_MAX_STAT_SLOTS);
	__type(key, __u32);
	__type(value, struct xovn_port_stats);
} fl_stats SEC(".maps");

static __always_inline void floor_count(__u32 slot, __u32 len, int tx)
{
	floor_count_in(&fl_stats, slot, len, tx);
}

/* The counters and the redirect to the port of fdb. */
static __always_inline int floor_out(struct __sk_buff *skb, const struct xovn_ingress_val *in,
				     const struct xovn_fdb_val *fdb)
{
	floor_count(in->slot, skb->len, 0);
	floor_count(fdb->port.slot, skb->len, 1);
	return bpf_redirect_peer(fdb->port.ifindex, 0);
}

/* The L2 lookup for dst in switch dp_key, the counters and the redirect. */
static __always_inline int floor_deliver(struct __sk_buff *skb, const struct xovn_ingress_val *in,
					 __u32 dp_key, const __u8 *dst)
{
	struct xovn_fdb_key fk = { .dp_key = dp_key };
	const struct xovn_fdb_val *fdb;

	__builtin_memcpy(fk.mac, dst, ETH_ALEN);
	fdb = xovn_lookup(&fl_fdb, &fk);
	return fdb ? floor_out(skb, in, fdb) : TC_ACT_SHOT;
}

static __always_inline struct ethhdr *floor_eth(struct __sk_buff *skb, __u32 len)
{
	void *data = (void *)(long)skb->data;

	if (data + len > (void *)(long)skb->data_end)
		return NULL;
	/* Word copies, as the datapath's (bpf/lib/pkt.h, lookup.h). */
	return __builtin_assume_aligned(data, 8);
}

/* The untagged frame's ingress port: a slot of the array, empty when dp_key is 0. */
static __always_inline const struct xovn_ingress_val *floor_ingress(struct __sk_buff *skb)
{
	__u32 ifindex = skb->ingress_ifindex;
	const struct xovn_ingress_val *in = bpf_map_lookup_elem(&fl_ingress_idx, &ifindex);

	return in && in->dp_key ? in : NULL;
}

SEC("tc")
int floor_unicast(struct __sk_buff *skb)
{
	struct ethhdr *eth = floor_eth(skb, ETH_HLEN);
	const struct xovn_ingress_val *in;

	if (!eth)
		return TC_ACT_SHOT;
	in = floor_ingress(skb);
	if (!in)
		return TC_ACT_SHOT;
	return floor_deliver(skb, in, in->dp_key, eth->h_dest);
}

SEC("tc")
int floor_unicast_hash(struct __sk_buff *skb)
{
	struct xovn_ingress_key key = { .ifindex = skb->ingress_ifindex };
	const struct xovn_ingress_val *in;
	struct ethhdr *eth = floor_eth(skb, ETH_HLEN);

	if (!eth)
		return TC_ACT_SHOT;
	in = bpf_map_lookup_elem(&fl_ingress, &key);
	if (!in)
		return TC_ACT_SHOT;
	return floor_deliver(skb, in, in->dp_key, eth->h_dest);
}

/* The bytes a hop rewrites: MACs, type, IPv4 header up to its checksum. */
#define FLOOR_HDR_LEN (ETH_HLEN + 12)

/* The L2 lookup landing on a router LSP: the router is in its value. */
static __always_inline const struct xovn_lsp_router_val *
floor_router_of(const struct xovn_ingress_val *in, const __u8 *dst)
{
	struct xovn_fdb_key fk = { .dp_key = in->dp_key };
	const struct xovn_fdb_val *fdb;

	__builtin_memcpy(fk.mac, dst, ETH_ALEN);
	fdb = xovn_lookup(&fl_fdb, &fk);
	return fdb && fdb->router.rtr_key ? &fdb->router : NULL;
}

/* The route to daddr's path: its out port with it. */
static __always_inline const struct xovn_route_path *floor_out_port(__u32 rtr_key, __be32 daddr)
{
	struct xovn_route_key rk = { .prefixlen = XOVN_ROUTE_FIXED_BITS + 128,
				     .rtr_key = rtr_key, .family = XOVN_AF_IPV4 };
	const struct xovn_route_val *rt;

	__builtin_memcpy(rk.ip, &daddr, 4);
	rt = xovn_lookup(&fl_routes, &rk);
	return rt ? &rt->paths[0] : NULL;
}

static __always_inline const struct xovn_neigh_fdb_val *floor_neigh(__u32 rtr_key, __be32 daddr)
{
	struct xovn_neigh_key nk = { .rtr_key = rtr_key, .family = XOVN_AF_IPV4 };

	__builtin_memcpy(nk.ip, &daddr, 4);
	return xovn_lookup(&fl_neigh, &nk);
}

SEC("tc")
int floor_routed(struct __sk_buff *skb)
{
	struct ethhdr *eth = floor_eth(skb, ETH_HLEN + sizeof(struct iphdr));
	const struct xovn_lsp_router_val *lr;
	const struct xovn_ingress_val *in;
	const struct xovn_route_path *rp;
	const struct xovn_neigh_fdb_val *nb;
	__u8 h[FLOOR_HDR_LEN] __attribute__((aligned(8)));
	__be32 daddr;

	if (!eth)
		return TC_ACT_SHOT;
	daddr = ((struct iphdr *)(eth + 1))->daddr;
	in = floor_ingress(skb);
	lr = in ? floor_router_of(in, eth->h_dest) : NULL;
	rp = lr ? floor_out_port(lr->rtr_key, daddr) : NULL;
	nb = rp ? floor_neigh(lr->rtr_key, daddr) : NULL;
	if (!nb)
		return TC_ACT_SHOT;
	__builtin_memcpy(h, eth, sizeof(h));
	__builtin_memcpy(h, nb->mac, ETH_ALEN);
	__builtin_memcpy(h + ETH_ALEN, rp->mac, ETH_ALEN);
	h[ETH_HLEN + 8]--;
	h[ETH_HLEN + 10]++;   /* stands for the checksum update */
	if (bpf_skb_store_bytes(skb, 0, h, sizeof(h), 0) < 0)
		return TC_ACT_SHOT;
	return nb->ls_dp_key == rp->ls_dp_key ? floor_out(skb, in, &nb->fdb) : TC_ACT_SHOT;
}

SEC("tc")
int floor_encap(struct __sk_buff *skb)
{
	struct ethhdr *eth = floor_eth(skb, ETH_HLEN);
	__u64 front[FLOOR_FRONT_LEN / 8] = {};
	const struct xovn_remote_hop *hop;
	const struct xovn_ingress_val *in;
	const struct xovn_fdb_val *fdb;
	struct xovn_fdb_key fk = {};

	if (!eth)
		return TC_ACT_SHOT;
	in = floor_ingress(skb);
	if (!in)
		return TC_ACT_SHOT;
	fk.dp_key = in->dp_key;
	__builtin_memcpy(fk.mac, eth->h_dest, ETH_ALEN);
	fdb = xovn_lookup(&fl_fdb, &fk);
	if (!fdb)
		return TC_ACT_SHOT;
	hop = bpf_map_lookup_elem(&fl_remote_hops, &fdb->port.remote_ip);
	if (!hop)
		return TC_ACT_SHOT;
	floor_count(in->slot, skb->len, 0);
	floor_count(fdb->port.slot, skb->len, 1);
	__builtin_memcpy(front, hop->dmac, 2 * ETH_ALEN);
	__builtin_memcpy((__u8 *)front + FLOOR_ENCAP_OVERHEAD, eth, ETH_HLEN);
	if (floor_push(skb, FLOOR_ENCAP_OVERHEAD, FLOOR_ENCAP_FLAGS, front, FLOOR_FRONT_LEN))
		return TC_ACT_SHOT;
	return bpf_redirect(hop->ifindex, 0);
}

char LICENSE[] SEC("license") = "GPL";
