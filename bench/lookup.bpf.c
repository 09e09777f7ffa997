// SPDX-License-Identifier: GPL-2.0-only
/*
 * lookup.bpf.c - one map lookup at a time, in xovn's own maps: each
 * program makes a single lookup with the key a measured path uses, then
 * redirects like the minimal redirect.  bench/lookup.c loads one copy per
 * model size with these maps replaced by that size's datapath maps
 * (bpf_map__reuse_fd), so a row here is what the lookup costs in a map
 * filled exactly as xovn fills it at that size: its drift from the
 * smallest model to the largest is the lookup's own growth, with nothing
 * else of the path around it.
 *
 *   lookup_ports      xovn_ports (switch, port key): the Geneve decap lookup
 *   lookup_fdb        xovn_fdb_v2 (switch, MAC): the L2 lookup
 *   lookup_arp_resp   xovn_arp_resp (switch, IPv4): the ARP responder
 *   lookup_nat_ct     xovn_nat_ct (the connection's tuple): NAT, existing
 *   lookup_path_nat   the gateway router hop's hash lookups of the NAT
 *                     paths in a row: the fdb entry of the router's LSP, the
 *                     connection, the out switch's fdb entry
 *
 * A miss returns TC_ACT_SHOT, which the timer refuses: every timed run hit.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include "xovn_maps.h"

#define LOOKUP_HASH(NAME, KEY, VALUE, MAX, FLAGS)			\
	struct {							\
		__uint(type, BPF_MAP_TYPE_HASH);			\
		__uint(max_entries, MAX);				\
		__type(key, KEY);					\
		__type(value, VALUE);					\
		__uint(map_flags, FLAGS);				\
	} NAME SEC(".maps")

LOOKUP_HASH(xovn_ports, struct xovn_port_key, struct xovn_port_val, XOVN_MAX_PORTS,
	    BPF_F_NO_PREALLOC);
LOOKUP_HASH(xovn_fdb_v2, struct xovn_fdb_key, struct xovn_fdb_val, XOVN_MAX_PORTS,
	    BPF_F_NO_PREALLOC);
LOOKUP_HASH(xovn_arp_resp, struct xovn_arp_resp_key, struct xovn_resp_val, XOVN_MAX_PORTS,
	    BPF_F_NO_PREALLOC);
LOOKUP_HASH(xovn_nat_ct, struct xovn_nat_ct_key, struct xovn_nat_ct_val, XOVN_MAX_NAT_CONNS, 0);

const volatile __u32 target_ifindex = 1;

/* The keys, set by bench/lookup.c from the measured paths' frames. */
struct xovn_port_key lk_port;
struct xovn_fdb_key lk_fdb;
struct xovn_arp_resp_key lk_arp;
struct xovn_nat_ct_key lk_ct;
struct xovn_fdb_key lk_fdb_in;     /* the NAT paths' router LSP */
struct xovn_fdb_key lk_fdb_out;    /* the NAT paths' destination */

static __always_inline int hit(const void *v)
{
	return v ? bpf_redirect(target_ifindex, 0) : TC_ACT_SHOT;
}

SEC("tc")
int lookup_ports(struct __sk_buff *skb)
{
	return hit(bpf_map_lookup_elem(&xovn_ports, &lk_port));
}

SEC("tc")
int lookup_fdb(struct __sk_buff *skb)
{
	return hit(bpf_map_lookup_elem(&xovn_fdb_v2, &lk_fdb));
}

SEC("tc")
int lookup_arp_resp(struct __sk_buff *skb)
{
	return hit(bpf_map_lookup_elem(&xovn_arp_resp, &lk_arp));
}

SEC("tc")
int lookup_nat_ct(struct __sk_buff *skb)
{
	return hit(bpf_map_lookup_elem(&xovn_nat_ct, &lk_ct));
}

SEC("tc")
int lookup_path_nat(struct __sk_buff *skb)
{
	if (!bpf_map_lookup_elem(&xovn_fdb_v2, &lk_fdb_in) ||
	    !bpf_map_lookup_elem(&xovn_nat_ct, &lk_ct))
		return TC_ACT_SHOT;
	return hit(bpf_map_lookup_elem(&xovn_fdb_v2, &lk_fdb_out));
}

char LICENSE[] SEC("license") = "GPL";
