/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * tunnel.h - sending frames to other chassis over Geneve.
 *
 * The encapsulated frame is
 *   outer Ethernet | IPv4 encap_ip -> remote | UDP -> 6081 | Geneve + OVN option | frame
 * 58 bytes more than the frame (XOVN_ENCAP_OVERHEAD).
 *
 * IP frames grow with bpf_skb_adjust_room() and the ENCAP flags, so the
 * kernel records the UDP tunnel in the skb and a TSO/GSO frame is segmented
 * (in hardware or software) correctly after encapsulation.  The helper
 * refuses anything whose skb->protocol is not IP (ARP, for one): those are
 * small, never GSO, and get 58 bytes pushed in front with
 * bpf_skb_change_head() instead.
 *
 * Outer MAC addresses come from the kernel, never from the model.  xovnd
 * keeps the next hop toward every remote chassis in xovn_remote_hops, read
 * from the kernel's route and neighbour tables and refreshed on each of
 * their changes, so a frame makes one hash lookup where bpf_fib_lookup()
 * costs about 150 ns.  Without a usable entry (none yet, or the frame is
 * over the entry's MTU) bpf_fib_lookup() decides, and writes the MACs when
 * the neighbour is resolved (xovnd keeps one for every remote chassis,
 * loader/neigh.c).  Either way the frame leaves with bpf_redirect(): unlike
 * bpf_redirect_neigh(), which allocates the output route for every frame,
 * that takes no reference on a route; 64-byte frames across two chassis
 * went about 10-20% faster (bench/throughput.sh, same run, A/B).  When
 * neither gives a resolved next hop:
 *   - unicast IP frames leave through bpf_redirect_neigh(), which routes the
 *     outer header and resolves the next hop (and queues while it resolves);
 *   - everything else (non-IP frames, flood copies through
 *     bpf_clone_redirect) is counted as XOVN_DROP_NO_REMOTE.
 *
 * MTU (docs/geneve.md): a frame that is not GSO and would exceed the
 * underlay MTU once encapsulated is answered with ICMP "fragmentation
 * needed" / "packet too big" when a router handled it, else dropped as
 * XOVN_DROP_MTU (mtu.h); xovnd sets VIF MTUs to the underlay MTU minus 58
 * so that frames from VIFs fit.
 */
#ifndef XOVN_BPF_TUNNEL_H
#define XOVN_BPF_TUNNEL_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "context.h"
#include "drop.h"
#include "eth.h"
#include "flow_hash.h"
#include "geneve.h"
#include "ipv4.h"
#include "maps.h"
#include "mtu.h"
#include "scratch.h"
#include "stats.h"
#include "trace.h"

#define XOVN_AF_INET          2
/* bpf_skb_adjust_room: after a shrink, skb->protocol is IPv6 (kernel >= 6.3;
 * the uapi header this builds against may predate it). */
#define XOVN_ADJ_ROOM_DECAP_L3_IPV6 (1ULL << 8)
#define XOVN_IP_TTL           64
/* UDP source ports for entropy (ECMP, RSS): the dynamic range 49152..65535. */
#define XOVN_SPORT_BASE       0xc000
#define XOVN_SPORT_MASK       0x3fff

/* Everything between the outer and the inner Ethernet header. */
struct xovn_encap_hdr {
	struct iphdr ip;
	struct udphdr udp;
	struct xovn_geneve_ovn gnv;
};

_Static_assert(sizeof(struct xovn_encap_hdr) + 2 * ETH_HLEN == XOVN_ENCAP_OVERHEAD + ETH_HLEN,
	       "Geneve encap overhead");

#define XOVN_ENCAP_L3_OVERHEAD (XOVN_ENCAP_OVERHEAD - ETH_HLEN) /* counts against the MTU */

static __always_inline const struct xovn_config *xovn_config_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&xovn_config, &zero);
}

/* 0 when this chassis can tunnel to remote_ip at all, else the drop reason. */
static __always_inline int xovn_tunnel_usable(const struct xovn_config *cfg, __u32 remote_ip)
{
	if (!cfg || !cfg->encap_ip || !cfg->underlay_ifindex || !remote_ip)
		return XOVN_DROP_NO_REMOTE;
	return 0;
}

/* The encapsulated frame must fit the underlay; GSO frames are cut to fit later. */
static __always_inline int xovn_tunnel_fits(struct __sk_buff *skb, const struct xovn_config *cfg)
{
	if (!cfg->underlay_mtu || skb->gso_size)
		return 1;
	return skb->len + XOVN_ENCAP_L3_OVERHEAD <= cfg->underlay_mtu;
}

/*
 * The outer IPv4 header's checksum, summed from the values the header is
 * made of while they are in registers: reading back the bytes just stored
 * would wait for the stores.  Each term is a 16-bit word as it lies in the
 * header, read in host order (the one's-complement sum does not depend on
 * byte order); id and checksum are zero.
 */
static __always_inline __u16 xovn_encap_ip_csum(__be16 tot_len, __be32 saddr, __be32 daddr)
{
	__u64 sum = (__u64)bpf_htons(0x4500) + tot_len + bpf_htons(XOVN_IP_DF) +
		    bpf_htons(XOVN_IP_TTL << 8 | IPPROTO_UDP) + (saddr & 0xffff) + (saddr >> 16) +
		    (daddr & 0xffff) + (daddr >> 16);

	return xovn_csum_fold(sum);
}

/*
 * The headers between the outer and the inner Ethernet header.  Only the
 * lengths and the source port change from one frame to the next; the
 * checksum is summed in registers (no helper call).
 */
static __always_inline void xovn_encap_hdr_fill(struct xovn_encap_hdr *h, __u32 skb_len,
						__u32 hash, const struct xovn_config *cfg,
						__u32 remote_ip, __u32 vni, __u16 in_port,
						__u16 out_key)
{
	__u32 udp_len = sizeof(h->udp) + sizeof(h->gnv) + skb_len;
	__be16 tot_len = bpf_htons(sizeof(h->ip) + udp_len);
	__be32 saddr = cfg->encap_ip;

	__builtin_memset(h, 0, sizeof(*h));
	h->ip.version = 4;
	h->ip.ihl = sizeof(h->ip) / 4;
	h->ip.tot_len = tot_len;
	h->ip.frag_off = bpf_htons(XOVN_IP_DF);
	h->ip.ttl = XOVN_IP_TTL;
	h->ip.protocol = IPPROTO_UDP;
	h->ip.saddr = saddr;
	h->ip.daddr = remote_ip;
	h->ip.check = xovn_encap_ip_csum(tot_len, saddr, remote_ip);
	h->udp.source = bpf_htons(XOVN_SPORT_BASE | (hash & XOVN_SPORT_MASK));
	h->udp.dest = bpf_htons(XOVN_GENEVE_PORT);
	h->udp.len = bpf_htons(udp_len);
	h->udp.check = 0;  /* optional for UDP over IPv4, and what OVN sends */
	xovn_geneve_fill(&h->gnv, vni, in_port, out_key);
}

static __always_inline int xovn_skb_is_ip(const struct __sk_buff *skb)
{
	return skb->protocol == bpf_htons(ETH_P_IP) || skb->protocol == bpf_htons(ETH_P_IPV6);
}

/*
 * Grows an IP frame after its Ethernet header: the original header stays
 * in front as the outer one and a copy goes after the Geneve header as the
 * inner one, where BPF_F_ADJ_ROOM_ENCAP_L2(ETH_HLEN) tells the kernel the
 * inner MAC header starts.
 */
static __always_inline int xovn_encap_grow_ip(struct __sk_buff *skb)
{
	__u64 flags = BPF_F_ADJ_ROOM_ENCAP_L3_IPV4 | BPF_F_ADJ_ROOM_ENCAP_L4_UDP |
		      BPF_F_ADJ_ROOM_ENCAP_L2_ETH | BPF_F_ADJ_ROOM_ENCAP_L2(ETH_HLEN);

	return bpf_skb_adjust_room(skb, XOVN_ENCAP_OVERHEAD, BPF_ADJ_ROOM_MAC, flags) ? -1 : 0;
}

/*
 * The first 72 bytes of an encapsulated frame, built on the stack: the
 * outer Ethernet header, then, from an 8-byte boundary, the IPv4 header
 * up to the inner Ethernet header.  Both parts start aligned, so they go
 * to the packet in whole words (a copy from an unaligned start goes byte
 * by byte), and the IPv4 fields are aligned stack stores, as the verifier
 * wants.
 */
struct xovn_encap_front {
	struct ethhdr outer;
	__u16 pad;
	struct xovn_encap_hdr h;
	struct ethhdr inner;
} __attribute__((aligned(8)));

#define XOVN_ENCAP_FRONT_LEN (XOVN_ENCAP_OVERHEAD + ETH_HLEN)
#define XOVN_ENCAP_REST_LEN  (XOVN_ENCAP_FRONT_LEN - ETH_HLEN)
_Static_assert(__builtin_offsetof(struct xovn_encap_front, h) % 8 == 0,
	       "encap front: the headers after the outer Ethernet start a word");
_Static_assert(__builtin_offsetof(struct xovn_encap_front, inner) + ETH_HLEN -
	       __builtin_offsetof(struct xovn_encap_front, h) == XOVN_ENCAP_REST_LEN,
	       "encap front: outer IP, UDP, Geneve + inner Ethernet, no gaps");

/*
 * Writes the front over the start of skb, in place: right after
 * bpf_skb_adjust_room or bpf_skb_change_head the bytes are in the linear
 * head.  Packet stores need no alignment where the datapath runs (pkt.h),
 * so the compiler is told the destination is aligned and copies in words;
 * the second part's address is hidden from it, which would otherwise know
 * it is not.  0, or -1 when the head is shorter.
 */
static __always_inline int xovn_encap_store(struct __sk_buff *skb,
					    const struct xovn_encap_front *f)
{
	void *data, *rest;

	asm volatile("" : "+r"(skb));  /* context fields at constant offsets (eth.h) */
	data = (void *)(long)skb->data;
	if (data + XOVN_ENCAP_FRONT_LEN > (void *)(long)skb->data_end)
		return -1;
	rest = data + ETH_HLEN;
	asm volatile("" : "+r"(rest));
	__builtin_memcpy(__builtin_assume_aligned(data, 8), &f->outer, ETH_HLEN);
	__builtin_memcpy(__builtin_assume_aligned(rest, 8), &f->h, XOVN_ENCAP_REST_LEN);
	return 0;
}

/*
 * Builds, on the stack, the front of skb once wrapped for (vni, in_port ->
 * out_key) toward remote_ip: the frame's own Ethernet header (read in
 * place) becomes the inner one.  The outer MACs are left zero (unicast, so
 * that bpf_redirect_neigh accepts the frame) for the sender to fill or
 * resolve.  0 or -1.
 */
static __always_inline int xovn_encap_prepare(struct __sk_buff *skb, const struct xovn_config *cfg,
					      __u32 remote_ip, __u32 vni, __u16 in_port,
					      __u16 out_key, struct xovn_encap_front *f)
{
	if (xovn_pkt_copy(skb, 0, &f->inner, sizeof(f->inner)))
		return -1;
	__builtin_memset(&f->outer, 0, sizeof(f->outer));
	f->outer.h_proto = bpf_htons(ETH_P_IP);
	/* Hash of the inner flow, taken before the headers change. */
	xovn_encap_hdr_fill(&f->h, skb->len, xovn_flow_hash(skb, f->inner.h_proto), cfg,
			    remote_ip, vni, in_port, out_key);
	return 0;
}

/*
 * Makes the room and writes the prepared front over the start of skb:
 * one bpf_skb_adjust_room and one store.  0 or -1 (the frame is then
 * unusable).
 */
static __always_inline int xovn_encap_push(struct __sk_buff *skb, const struct xovn_encap_front *f)
{
	int rc = -1;

	/*
	 * adjust_room keeps GSO state right but takes IP only, and refuses a
	 * frame still marked encapsulated by the tunnel it arrived through (a
	 * router resident here sends it on); those that are not GSO are small.
	 */
	if (xovn_skb_is_ip(skb))
		rc = xovn_encap_grow_ip(skb);
	if (rc && !skb->gso_size)
		rc = bpf_skb_change_head(skb, XOVN_ENCAP_OVERHEAD, 0);
	if (rc)
		return -1;
	return xovn_encap_store(skb, f);
}

/* Points the outer IPv4 header of an encapsulated skb at another chassis. */
static __always_inline int xovn_encap_set_remote(struct __sk_buff *skb, __u32 remote_ip)
{
	struct iphdr ip;

	if (bpf_skb_load_bytes(skb, ETH_HLEN, &ip, sizeof(ip)) < 0)
		return -1;
	ip.daddr = remote_ip;
	xovn_ipv4_set_csum(&ip);
	return bpf_skb_store_bytes(skb, ETH_HLEN, &ip, sizeof(ip), 0);
}

XOVN_SCRATCH(xovn_fib_scratch, struct bpf_fib_lookup)

/*
 * Next hop toward remote_ip through the kernel's FIB and neighbour table:
 * the egress ifindex with its MACs in *fib, 0 when there is no route, no
 * resolved neighbour yet, or the frame of l3_len bytes (0: check the skb
 * itself, GSO-aware) does not fit the route's MTU.
 */
static __always_inline __u32 xovn_encap_fib(struct __sk_buff *skb, const struct xovn_config *cfg,
					    __u32 remote_ip, __u16 l3_len,
					    struct bpf_fib_lookup *fib)
{
	__builtin_memset(fib, 0, sizeof(*fib));
	fib->family = XOVN_AF_INET;
	fib->l4_protocol = IPPROTO_UDP;
	fib->dport = bpf_htons(XOVN_GENEVE_PORT);
	fib->tot_len = l3_len;
	fib->ifindex = cfg->underlay_ifindex;
	fib->ipv4_src = cfg->encap_ip;
	fib->ipv4_dst = remote_ip;
	if (bpf_fib_lookup(skb, fib, sizeof(*fib), BPF_FIB_LOOKUP_OUTPUT) !=
	    BPF_FIB_LKUP_RET_SUCCESS)
		return 0;
	return fib->ifindex;
}

/*
 * The next hop xovnd keeps toward remote_ip, when an outer IPv4 packet of
 * l3_len bytes (0: a GSO frame, cut to fit later) fits its route; else NULL
 * and the FIB decides.
 */
static __always_inline const struct xovn_remote_hop *xovn_remote_hop(__u32 remote_ip,
								     __u16 l3_len)
{
	const struct xovn_remote_hop *hop = bpf_map_lookup_elem(&xovn_remote_hops, &remote_ip);

	if (!hop || !hop->ifindex || l3_len > hop->mtu)
		return NULL;
	return hop;
}

/* The outer IPv4 length of an encapsulated skb, 0 for a GSO one. */
static __always_inline __u16 xovn_encap_l3_len(const struct __sk_buff *skb)
{
	return skb->gso_size ? 0 : (__u16)(skb->len - ETH_HLEN);
}

/*
 * Next hop for an skb encapsulated already (flood copies): writes the
 * outer MACs and returns the egress ifindex, 0 when there is none.
 */
static __always_inline __u32 xovn_encap_resolve(struct __sk_buff *skb,
						const struct xovn_config *cfg, __u32 remote_ip)
{
	const struct xovn_remote_hop *hop = xovn_remote_hop(remote_ip, xovn_encap_l3_len(skb));
	struct bpf_fib_lookup fib;

	/* dmac and smac lie as the outer Ethernet header does: one store. */
	if (hop)
		return bpf_skb_store_bytes(skb, 0, hop->dmac, 2 * ETH_ALEN, 0) ? 0 : hop->ifindex;
	if (!xovn_encap_fib(skb, cfg, remote_ip, 0, &fib))
		return 0;
	if (bpf_skb_store_bytes(skb, 0, fib.dmac, ETH_ALEN, 0) ||
	    bpf_skb_store_bytes(skb, ETH_ALEN, fib.smac, ETH_ALEN, 0))
		return 0;
	return fib.ifindex;
}

/*
 * Next hop for skb before it is encapsulated: the outer MACs go into the
 * prepared front, so they are written with the rest of the headers.  The
 * route's MTU is checked against the outer length a frame that is not GSO
 * will have (a GSO frame is cut to fit later).
 */
static __always_inline __u32 xovn_encap_next_hop(struct __sk_buff *skb,
						 const struct xovn_config *cfg, __u32 remote_ip,
						 struct xovn_encap_front *f)
{
	__u16 l3_len = skb->gso_size ? 0 : bpf_ntohs(f->h.ip.tot_len);
	const struct xovn_remote_hop *hop = xovn_remote_hop(remote_ip, l3_len);
	struct bpf_fib_lookup *fib;

	if (hop) {
		__builtin_memcpy(&f->outer, hop->dmac, 2 * ETH_ALEN);
		return hop->ifindex;
	}
	/* Beside the front on the stack, the lookup's 64 bytes would not fit. */
	fib = xovn_fib_scratch_get();
	if (!fib || !xovn_encap_fib(skb, cfg, remote_ip, l3_len, fib))
		return 0;
	__builtin_memcpy(f->outer.h_dest, fib->dmac, ETH_ALEN);
	__builtin_memcpy(f->outer.h_source, fib->smac, ETH_ALEN);
	return fib->ifindex;
}

#define XOVN_ENCAP_FAILED (-1)

/*
 * Wraps skb in the tunnel headers for (vni, ports = in_port << 16 |
 * out_key) toward remote_ip; with resolve, looks the next hop up first
 * and writes its MACs with the rest.  XOVN_ENCAP_FAILED (the frame is
 * then unusable), 0 (no next hop looked up or found), or the egress
 * ifindex.
 *
 * A global function: the verifier checks it once, for any arguments,
 * instead of again at every place a frame may leave through a tunnel
 * (the underlay program is close to its limit of processed instructions).
 */
__attribute__((noinline)) int xovn_encap_frame(struct __sk_buff *skb, __u32 remote_ip,
					       __u32 vni, __u32 ports, __u32 resolve)
{
	const struct xovn_config *cfg = xovn_config_get();
	struct xovn_encap_front f;
	__u32 ifindex = 0;

	if (!skb || !cfg ||
	    xovn_encap_prepare(skb, cfg, remote_ip, vni, ports >> 16, ports & 0xffff, &f))
		return XOVN_ENCAP_FAILED;
	if (resolve)
		ifindex = xovn_encap_next_hop(skb, cfg, remote_ip, &f);
	if (xovn_encap_push(skb, &f))
		return XOVN_ENCAP_FAILED;
	return (int)ifindex;
}

static __always_inline __u32 xovn_encap_ports(const struct xovn_ctx *ctx, __u16 out_key)
{
	return (__u32)ctx->in_port << 16 | out_key;
}

/* Wraps skb for (ctx->dp_key, ctx->in_port -> out_key), outer MACs zero; 0 or -1. */
static __always_inline int xovn_encap(struct __sk_buff *skb, const struct xovn_ctx *ctx,
				      __u32 remote_ip, __u16 out_key)
{
	return xovn_encap_frame(skb, remote_ip, ctx->dp_key, xovn_encap_ports(ctx, out_key), 0) <
	       0 ? -1 : 0;
}

/*
 * Encapsulates one unicast frame and sends it; returns the TC verdict.
 * The FIB path first (no route reference per frame); an IP frame whose
 * next hop is not resolved yet falls back to bpf_redirect_neigh, which
 * resolves it.
 */
static __always_inline int xovn_encap_send(struct __sk_buff *skb, struct xovn_ctx *ctx,
					   const struct xovn_config *cfg, __u32 remote_ip,
					   __u16 out_port)
{
	int ifindex = xovn_encap_frame(skb, remote_ip, ctx->dp_key,
				       xovn_encap_ports(ctx, out_port), 1);

	if (ifindex < 0)
		return xovn_drop(skb, ctx, XOVN_DROP_ENCAP_FAILED);
	if (ifindex)
		return bpf_redirect(ifindex, 0);
	/* adjust_room made every IP frame (v4 or v6 inside) an IPv4 skb;
	 * bpf_redirect_neigh routes by skb->protocol, so not for ARP & co. */
	if (skb->protocol == bpf_htons(ETH_P_IP))
		return bpf_redirect_neigh(cfg->underlay_ifindex, NULL, 0, 0);
	return xovn_drop(skb, ctx, XOVN_DROP_NO_REMOTE);
}

#define XOVN_TUNNEL_GO      (-20)  /* the frame may be encapsulated */
#define XOVN_TUNNEL_TOO_BIG (-21)  /* it would not fit the underlay once encapsulated */

/*
 * The checks before encapsulating for out_port at remote_ip: XOVN_TUNNEL_GO,
 * XOVN_TUNNEL_TOO_BIG, or the TC verdict of a drop.
 */
static __always_inline int xovn_tunnel_check(struct __sk_buff *skb, struct xovn_ctx *ctx,
					     const struct xovn_config *cfg, __u16 out_port,
					     __u32 remote_ip)
{
	int reason;

	xovn_trace_out(ctx, XOVN_OUT_TUNNEL, cfg ? cfg->underlay_ifindex : 0, remote_ip,
		       out_port, 0);
	reason = xovn_tunnel_usable(cfg, remote_ip);
	if (reason)
		return xovn_drop(skb, ctx, reason);
	if (!xovn_tunnel_fits(skb, cfg))
		return XOVN_TUNNEL_TOO_BIG;
	return XOVN_TUNNEL_GO;
}

/* Encapsulates a frame that passed xovn_tunnel_check and sends it; the TC verdict. */
static __always_inline int xovn_tunnel_send(struct __sk_buff *skb, struct xovn_ctx *ctx,
					    const struct xovn_config *cfg, __u16 out_port,
					    __u32 remote_ip, __u32 slot)
{
	if (ctx->trace)
		return TC_ACT_REDIRECT;
	xovn_stats_tx(skb, ctx, out_port, slot);
	return xovn_encap_send(skb, ctx, cfg, remote_ip, out_port);
}

/*
 * Encapsulates for (ctx->dp_key, ctx->in_port -> out_port) and sends to
 * remote_ip (network order) through the underlay; returns the TC verdict.
 */
static __always_inline int xovn_tunnel_unicast(struct __sk_buff *skb, struct xovn_ctx *ctx,
					       __u16 out_port, __u32 remote_ip, __u32 slot)
{
	const struct xovn_config *cfg = xovn_config_get();
	int rc = xovn_tunnel_check(skb, ctx, cfg, out_port, remote_ip);

	if (rc == XOVN_TUNNEL_TOO_BIG)
		return xovn_mtu_exceeded(skb, ctx, cfg->underlay_mtu);
	if (rc != XOVN_TUNNEL_GO)
		return rc;
	return xovn_tunnel_send(skb, ctx, cfg, out_port, remote_ip, slot);
}

struct xovn_tunnel_walk {
	struct __sk_buff *skb;
	const struct xovn_config *cfg;
	const struct xovn_flood_val *fl;
	__u32 sent;
};

/* bpf_loop body: the copy for remote chassis i. */
static long xovn_tunnel_copy(__u32 i, void *data)
{
	struct xovn_tunnel_walk *w = data;
	__u32 remote_ip, ifindex;

	if (i >= XOVN_MAX_FLOOD_REMOTE)
		return 1;
	remote_ip = w->fl->remote_ip[i];
	if (!remote_ip)
		return 0;
	ifindex = 0;
	if (xovn_encap_set_remote(w->skb, remote_ip) == 0)
		ifindex = xovn_encap_resolve(w->skb, w->cfg, remote_ip);
	if (!ifindex) {
		xovn_count_drop(w->skb, XOVN_DROP_NO_REMOTE);
		return 0;
	}
	if (bpf_clone_redirect(w->skb, ifindex, 0))
		xovn_count_drop(w->skb, XOVN_DROP_REDIRECT_FAILED);
	else
		w->sent++;
	return 0;
}

static __always_inline __u32 xovn_flood_n_remote(const struct xovn_flood_val *fl)
{
	return fl->n_remote < XOVN_MAX_FLOOD_REMOTE ? fl->n_remote : XOVN_MAX_FLOOD_REMOTE;
}

/*
 * The tunnel copies of a flood cannot be sent.  The local copies are out
 * already, so the trace keeps saying FLOOD and only notes the reason.
 */
static __always_inline int xovn_flood_tunnels_lost(struct __sk_buff *skb, struct xovn_ctx *ctx,
						   __u32 reason)
{
	if (ctx->tr)
		ctx->tr->drop_reason = reason;
	else if (!ctx->trace)
		xovn_count_drop(skb, reason);
	return TC_ACT_SHOT;
}

/*
 * One Geneve copy (egress key = group) per remote chassis of the group.
 * Called last, after the local copies: it consumes the skb.  The frame is
 * encapsulated once; each copy only changes the outer IPv4 destination and
 * MACs before it is cloned out.
 */
static __always_inline int xovn_tunnel_flood(struct __sk_buff *skb, struct xovn_ctx *ctx,
					     __u16 group, const struct xovn_flood_val *fl)
{
	const struct xovn_config *cfg = xovn_config_get();
	struct xovn_tunnel_walk walk = { .skb = skb, .cfg = cfg, .fl = fl };
	__u32 i, n = xovn_flood_n_remote(fl);
	int reason;

	for (i = 0; i < XOVN_MAX_FLOOD_REMOTE && i < n; i++)
		xovn_trace_out(ctx, XOVN_OUT_TUNNEL, cfg ? cfg->underlay_ifindex : 0,
			       fl->remote_ip[i], group, 0);
	reason = xovn_tunnel_usable(cfg, n ? fl->remote_ip[0] : 0);
	if (!reason && !xovn_tunnel_fits(skb, cfg))
		reason = XOVN_DROP_MTU;
	if (reason)
		return xovn_flood_tunnels_lost(skb, ctx, reason);
	if (ctx->trace)
		return TC_ACT_SHOT;
	if (xovn_encap(skb, ctx, fl->remote_ip[0], group))
		return xovn_flood_tunnels_lost(skb, ctx, XOVN_DROP_ENCAP_FAILED);
	bpf_loop(n, xovn_tunnel_copy, &walk, 0);
	/* Every copy is a clone; the original has nowhere left to go (not a drop). */
	return TC_ACT_SHOT;
}

#endif /* XOVN_BPF_TUNNEL_H */
