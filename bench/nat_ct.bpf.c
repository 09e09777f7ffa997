// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat_ct.bpf.c - the two ways a NAT datapath can keep its connections,
 * each at its cheapest, for bench/nat_ct.c: the kernel's conntrack through
 * the nf_conntrack kfuncs, and a BPF hash of its own (xovn_nat_ct's
 * layouts).  A lookup of a known connection, and the addition of a new one
 * (conntrack: allocate, NAT info, insert; own map: both directions).
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "xovn_maps.h"

/*
 * The kernel's types of the kfuncs' signatures (net/netfilter/nf_conntrack_bpf.c);
 * the connections are only handed back, so their members do not matter.
 */
struct nf_conn {
	__u64 opaque;
};

struct nf_conn___init {
	__u64 opaque;
};

struct bpf_ct_opts {
	__s32 netns_id;
	__s32 error;
	__u8 l4proto;
	__u8 dir;
	__u16 ct_zone_id;
	__u8 ct_zone_dir;
	__u8 reserved[3];
};

union nf_inet_addr {
	__u32 all[4];
	__be32 ip;
	__be32 ip6[4];
};

enum nf_nat_manip_type { NF_NAT_MANIP_SRC = 0, NF_NAT_MANIP_DST = 1 };

typedef __u32 u32;

#define BENCH_CONNS 262144

struct nf_conn *bpf_skb_ct_lookup(struct __sk_buff *, struct bpf_sock_tuple *, u32,
				  struct bpf_ct_opts *, u32) __ksym;
struct nf_conn___init *bpf_skb_ct_alloc(struct __sk_buff *, struct bpf_sock_tuple *, u32,
					struct bpf_ct_opts *, u32) __ksym;
struct nf_conn *bpf_ct_insert_entry(struct nf_conn___init *) __ksym;
int bpf_ct_set_nat_info(struct nf_conn___init *, union nf_inet_addr *, int,
			enum nf_nat_manip_type) __ksym;
void bpf_ct_set_timeout(struct nf_conn___init *, u32) __ksym;
void bpf_ct_release(struct nf_conn *) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BENCH_CONNS);
	__type(key, struct xovn_nat_ct_key);
	__type(value, struct xovn_nat_ct_val);
} conns SEC(".maps");

__u32 next_port;    /* each new connection gets its own source port */
__u32 found;        /* lookups that found their connection */
__u32 added;        /* connections added */

static __always_inline void tuple_of(struct bpf_sock_tuple *t, __u32 port)
{
	__builtin_memset(t, 0, sizeof(*t));
	t->ipv4.saddr = bpf_htonl(0x0a000001);
	t->ipv4.daddr = bpf_htonl(0xac100064);
	t->ipv4.sport = bpf_htons((__u16)(1024 + port % 60000));
	t->ipv4.dport = bpf_htons(80);
}

static __always_inline void key_of(struct xovn_nat_ct_key *k, __u32 port)
{
	__builtin_memset(k, 0, sizeof(*k));
	k->rtr_key = 1;
	k->src = bpf_htonl(0x0a000001);
	k->dst = bpf_htonl(0xac100064);
	k->sport = bpf_htons((__u16)(1024 + port % 60000));
	k->dport = bpf_htons(80);
	k->proto = 6;
}

/* Counts a connection the kfuncs handed back, and hands it back. */
static __always_inline int count_and_release(struct nf_conn *ct, __u32 *counter)
{
	if (!ct)
		return 0;
	(*counter)++;
	bpf_ct_release(ct);
	return 0;
}

SEC("tc")
int lookup_kfunc(struct __sk_buff *skb)
{
	struct bpf_ct_opts opts = { .netns_id = -1, .l4proto = 6 };
	struct bpf_sock_tuple t;
	struct nf_conn *ct;

	tuple_of(&t, next_port);
	ct = bpf_skb_ct_lookup(skb, &t, sizeof(t.ipv4), &opts, sizeof(opts));
	return count_and_release(ct, &found);
}

SEC("tc")
int lookup_map(struct __sk_buff *skb)
{
	struct xovn_nat_ct_key k;
	struct xovn_nat_ct_val *v;

	key_of(&k, next_port);
	v = bpf_map_lookup_elem(&conns, &k);
	if (v) {
		found++;
		v->seen_ns = bpf_ktime_get_ns();
	}
	return 0;
}

SEC("tc")
int new_kfunc(struct __sk_buff *skb)
{
	struct bpf_ct_opts opts = { .netns_id = -1, .l4proto = 6 };
	union nf_inet_addr ext = { .ip = bpf_htonl(0xac100001) };
	struct nf_conn___init *ct;
	struct nf_conn *ins;
	struct bpf_sock_tuple t;

	tuple_of(&t, next_port++);
	ct = bpf_skb_ct_alloc(skb, &t, sizeof(t.ipv4), &opts, sizeof(opts));
	if (!ct)
		return 0;
	bpf_ct_set_nat_info(ct, &ext, bpf_ntohs(t.ipv4.sport), NF_NAT_MANIP_SRC);
	bpf_ct_set_timeout(ct, 30000);
	ins = bpf_ct_insert_entry(ct);
	return count_and_release(ins, &added);
}

SEC("tc")
int new_map(struct __sk_buff *skb)
{
	struct xovn_nat_ct_key k, rk;
	struct xovn_nat_ct_val v = { .seen_ns = bpf_ktime_get_ns() }, rv;
	__u32 port = next_port++;

	key_of(&k, port);
	rk = k;
	rk.src = k.dst;
	rk.dst = bpf_htonl(0xac100001);
	rk.sport = k.dport;
	rk.dport = k.sport;
	rv = v;
	v.src = rk.dst;
	v.dst = k.dst;
	v.sport = k.sport;
	v.dport = k.dport;
	if (bpf_map_update_elem(&conns, &rk, &rv, BPF_NOEXIST) == 0 &&
	    bpf_map_update_elem(&conns, &k, &v, BPF_NOEXIST) == 0)
		added++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
