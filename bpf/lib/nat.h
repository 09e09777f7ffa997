/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * nat.h - the NAT stage of a router whose NAT runs on this chassis
 * (XOVN_LR_NAT in its xovn_lsp_router entries), IPv4, as ovn-nb(5) NAT and
 * ovn-architecture(7) describe it.  Two calls from a router hop
 * (router.h):
 *
 *   xovn_nat_ingress, before the route lookup:
 *     a packet of a known connection (xovn_nat_ct) -> its destination
 *       translated (un-SNAT of a reply, DNAT of an established one); an
 *       ICMP error about a known connection is translated whole
 *     else to a dnat / dnat_and_snat external IP (xovn_nat_dnat) ->
 *       destination = logical IP, the connection added (or, with
 *       options:stateless, just rewritten)
 *   xovn_nat_egress, after the route decision, before the next-hop rewrite:
 *     a packet of a connection -> its source translated (SNAT of an
 *       established one, un-DNAT of a reply)
 *     a packet nothing translated yet, whose source a snat /
 *       dnat_and_snat rule covers (xovn_nat_snat, longest prefix; out_lrp
 *       restricts it to one port) -> source = external IP, an external
 *       port (snat: the packet's own if free, else the next of a
 *       hash-chosen start, XOVN_NAT_PORT_TRIES at most; dnat_and_snat:
 *       the packet's own), the connection added
 *
 * Each runs in a router step of its own (the router's stack budget); what
 * the first hands the second lives in a per-CPU slot, like the router's.
 */
#ifndef XOVN_BPF_NAT_H
#define XOVN_BPF_NAT_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "context.h"
#include "l3.h"
#include "maps.h"
#include "nat_ct.h"
#include "nat_rewrite.h"
#include "nat_tuple.h"
#include "router_trace.h"
#include "scratch.h"
#include "trace.h"

#define XOVN_NAT_GO  (-1)   /* the hop goes on */

enum xovn_nat_state {
	XOVN_NATS_SKIP = 0,   /* nothing to translate (not IPv4, an error of no connection) */
	XOVN_NATS_NEW,        /* no connection: egress may SNAT */
	XOVN_NATS_CONN,       /* t holds the connection's translation */
	XOVN_NATS_DONE,       /* translated on ingress, statelessly */
};

/* What the scratch knows of the packet's SNAT rule (XOVN_NATS_NEW). */
enum xovn_nat_rule_state {
	XOVN_NATR_UNKNOWN = 0,        /* not looked up yet */
	XOVN_NATR_NONE,               /* no rule covers the source */
	XOVN_NATR_HELD,               /* rule holds a copy of it */
};

struct xovn_nat_scratch {
	struct xovn_nat_pkt pkt;      /* the packet as it entered the router */
	struct xovn_nat_ct_val t;     /* its translation (XOVN_NATS_CONN) */
	__u32 state;                  /* enum xovn_nat_state */
	/* A new connection may need its rule twice (routed here as a
	 * distributed floating IP, then translated): looked up once. */
	struct xovn_nat_snat_val rule;
	__u32 rule_state;             /* enum xovn_nat_rule_state */
};

XOVN_SCRATCH(xovn_nat_scratch, struct xovn_nat_scratch)

static __always_inline int xovn_nat_fail(struct __sk_buff *skb, struct xovn_ctx *ctx, int ct_rc)
{
	if (ct_rc == XOVN_CT_FULL)
		return xovn_drop(skb, ctx, XOVN_DROP_NAT_TABLE_FULL);
	return xovn_drop(skb, ctx, XOVN_DROP_NAT_NO_PORT);
}

/* t = the packet's own tuple, before any change. */
static __always_inline void xovn_nat_same(const struct xovn_nat_ct_key *k,
					  struct xovn_nat_ct_val *t)
{
	*t = (struct xovn_nat_ct_val){ .src = k->src, .dst = k->dst,
				       .sport = k->sport, .dport = k->dport };
}

/* ---- ingress ----------------------------------------------------------------- */

/*
 * A distributed floating IP's replies leave with its external_mac, which
 * its SNAT half (the /32 of its logical IP) holds.
 */
static __always_inline void xovn_nat_reply_ext_mac(__u32 rtr_key, __u32 logical_ip,
						   struct xovn_nat_ct_val *t)
{
	struct xovn_nat_snat_key sk = {
		.prefixlen = XOVN_NAT_FIXED_BITS + 32, .rtr_key = rtr_key, .ip = logical_ip,
	};
	const struct xovn_nat_snat_val *r = bpf_map_lookup_elem(&xovn_nat_snat, &sk);

	if (!r || !(r->flags & XOVN_NAT_EXT_MAC))
		return;
	t->flags |= XOVN_CT_REPLY_EXT_MAC;
	__builtin_memcpy(t->mac, r->external_mac, ETH_ALEN);
}

/* A new connection to a DNAT external IP, or a stateless rewrite: XOVN_NAT_GO or a drop. */
static __always_inline int xovn_nat_dnat_new(struct __sk_buff *skb, struct xovn_ctx *ctx,
					     struct xovn_nat_scratch *ns, __u8 *ip_dst)
{
	struct xovn_nat_pkt *p = &ns->pkt;
	struct xovn_nat_ip_key rk = { .rtr_key = p->key.rtr_key, .ip = p->key.dst };
	const struct xovn_nat_dnat_val *rule;
	int rc;

	rule = bpf_map_lookup_elem(&xovn_nat_dnat, &rk);
	if (!rule)
		return XOVN_NAT_GO;
	xovn_nat_same(&p->key, &ns->t);
	ns->t.dst = rule->logical_ip;
	if (rule->flags & XOVN_NAT_EXT_MAC)
		xovn_nat_reply_ext_mac(p->key.rtr_key, rule->logical_ip, &ns->t);
	if (rule->flags & XOVN_NAT_STATELESS) {
		ns->state = XOVN_NATS_DONE;
	} else {
		rc = xovn_nat_ct_create(ctx, &p->key, &ns->t);
		if (rc)
			return xovn_nat_fail(skb, ctx, rc);
		ns->state = XOVN_NATS_CONN;
	}
	if (xovn_nat_rewrite_dst(skb, p, &ns->t, 0))
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	__builtin_memcpy(ip_dst, &ns->t.dst, 4);
	xovn_trace_hop_flag(ctx, XOVN_HOP_DNAT);
	return XOVN_NAT_GO;
}

/*
 * Router rtr_key's ingress half for the packet l3 describes (rewritten in
 * l3 too, for the route lookup): XOVN_NAT_GO, or a TC verdict (a drop).
 */
static __noinline int xovn_nat_ingress(struct __sk_buff *skb, struct xovn_ctx *ctx,
				       struct xovn_l3 *l3, __u32 rtr_key)
{
	struct xovn_nat_scratch *ns = xovn_nat_scratch_get();
	struct xovn_nat_ct_val *conn;
	__be32 outer_src;

	if (!ns)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	ns->state = XOVN_NATS_SKIP;
	ns->rule_state = XOVN_NATR_UNKNOWN;
	if (l3->family != XOVN_AF_IPV4)
		return XOVN_NAT_GO;
	if (xovn_nat_parse(skb, l3, rtr_key, &ns->pkt))
		return XOVN_NAT_GO;
	__builtin_memcpy(&outer_src, l3->src, 4);
	conn = bpf_map_lookup_elem(&xovn_nat_ct, &ns->pkt.key);
	if (conn) {
		xovn_nat_ct_touch(ctx, conn, ns->pkt.tcp_flags);
		ns->t = *conn;
		ns->state = XOVN_NATS_CONN;
		if (ns->pkt.kind == XOVN_NATK_ERROR &&
		    __builtin_memcmp(l3->dst, &ns->pkt.key.dst, 4))
			return XOVN_NAT_GO;   /* an error not addressed to the quoted sender */
		if (xovn_nat_rewrite_dst(skb, &ns->pkt, &ns->t, outer_src))
			return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
		if (ns->t.dst != ns->pkt.key.dst)
			xovn_trace_hop_flag(ctx, XOVN_HOP_DNAT);
		__builtin_memcpy(l3->dst, &ns->t.dst, 4);
		return XOVN_NAT_GO;
	}
	if (ns->pkt.kind == XOVN_NATK_ERROR)
		return XOVN_NAT_GO;   /* about no connection of ours: untouched */
	ns->state = XOVN_NATS_NEW;
	return xovn_nat_dnat_new(skb, ctx, ns, l3->dst);
}

/* ---- egress ------------------------------------------------------------------ */

/* The external port candidate number i for packet k under rule r (host order). */
static __always_inline __u16 xovn_nat_port_try(const struct xovn_nat_ct_key *k,
					       const struct xovn_nat_snat_val *r, __u32 i)
{
	__u32 span = (__u32)r->port_max - r->port_min + 1;
	__u32 own = bpf_ntohs(k->sport), start;

	if (own >= r->port_min && own <= r->port_max)
		start = own - r->port_min;
	else
		start = (k->src * 2654435761u ^ k->dst ^ k->dport) % span;
	return (__u16)(r->port_min + (start + i) % span);
}

/* Adds the SNAT connection of the packet under rule r; XOVN_CT_OK with ns->t, or why not. */
static __always_inline int xovn_nat_snat_new(const struct xovn_ctx *ctx,
					     struct xovn_nat_scratch *ns,
					     const struct xovn_nat_snat_val *r)
{
	const struct xovn_nat_ct_key *k = &ns->pkt.key;
	__u32 tries = XOVN_NAT_PORT_TRIES, i;
	int rc = XOVN_CT_TAKEN;
	__u16 port;

	xovn_nat_same(k, &ns->t);
	ns->t.src = r->external_ip;
	if (r->flags & XOVN_NAT_EXT_MAC) {
		ns->t.flags = XOVN_CT_EXT_MAC;
		__builtin_memcpy(ns->t.mac, r->external_mac, ETH_ALEN);
	}
	/* Only ports can be chosen: anything else keeps its tuple. */
	if ((r->flags & XOVN_NAT_ONE_TO_ONE) || ns->pkt.kind == XOVN_NATK_ADDR)
		tries = 1;
	for (i = 0; i < XOVN_NAT_PORT_TRIES && i < tries; i++) {
		if (tries > 1) {
			port = bpf_htons(xovn_nat_port_try(k, r, i));
			ns->t.sport = port;
			if (ns->pkt.kind == XOVN_NATK_ECHO)
				ns->t.dport = port;
		}
		rc = xovn_nat_ct_create(ctx, k, &ns->t);
		if (rc != XOVN_CT_TAKEN)
			break;
	}
	return rc;
}

/* The SNAT rule of the new connection in ns leaving by out_lrp, or NULL. */
static __always_inline const struct xovn_nat_snat_val *
xovn_nat_snat_rule(struct xovn_nat_scratch *ns, __u16 out_lrp)
{
	struct xovn_nat_snat_key sk = {
		.prefixlen = XOVN_NAT_FIXED_BITS + 32, .rtr_key = ns->pkt.key.rtr_key,
		.ip = ns->pkt.key.src,
	};
	const struct xovn_nat_snat_val *r;

	if (ns->rule_state == XOVN_NATR_UNKNOWN) {
		r = bpf_map_lookup_elem(&xovn_nat_snat, &sk);
		ns->rule_state = r ? XOVN_NATR_HELD : XOVN_NATR_NONE;
		if (r)
			ns->rule = *r;
	}
	if (ns->rule_state != XOVN_NATR_HELD ||
	    (ns->rule.out_lrp && ns->rule.out_lrp != out_lrp))
		return NULL;
	return &ns->rule;
}

/*
 * Does the packet leave gateway port out_lrp as a distributed floating IP
 * of this chassis?  Then it is routed here, not redirected to the gateway
 * chassis, and *mac / *ip (the floating IP's) are what the router sends it
 * and its ARP requests from.
 */
static __always_inline int xovn_nat_distributed_out(__u16 out_lrp, __u8 *mac, __u32 *ip)
{
	struct xovn_nat_scratch *ns = xovn_nat_scratch_get();
	const struct xovn_nat_snat_val *r;

	if (!ns)
		return 0;
	if (ns->state == XOVN_NATS_CONN) {
		if (!(ns->t.flags & XOVN_CT_EXT_MAC))
			return 0;
		__builtin_memcpy(mac, ns->t.mac, ETH_ALEN);
		*ip = ns->t.src;
		return 1;
	}
	if (ns->state != XOVN_NATS_NEW)
		return 0;
	r = xovn_nat_snat_rule(ns, out_lrp);
	if (!r || !(r->flags & XOVN_NAT_EXT_MAC))
		return 0;
	__builtin_memcpy(mac, r->external_mac, ETH_ALEN);
	*ip = r->external_ip;
	return 1;
}

/*
 * The egress half, for a packet leaving by router port out_lrp; *src_mac
 * (the out port's MAC) becomes the floating IP's external_mac when it
 * leaves as one.  XOVN_NAT_GO or a TC verdict (a drop).
 */
static __always_inline int xovn_nat_egress(struct __sk_buff *skb, struct xovn_ctx *ctx,
				      __u32 out_lrp, __u8 *src_mac)
{
	struct xovn_nat_scratch *ns = xovn_nat_scratch_get();
	const struct xovn_nat_snat_val *r;
	int rc;

	if (!ns)
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	if (ns->state == XOVN_NATS_NEW) {
		r = xovn_nat_snat_rule(ns, (__u16)out_lrp);
		if (!r)
			return XOVN_NAT_GO;
		if (r->flags & XOVN_NAT_STATELESS) {
			xovn_nat_same(&ns->pkt.key, &ns->t);
			ns->t.src = r->external_ip;
		} else {
			rc = xovn_nat_snat_new(ctx, ns, r);
			if (rc)
				return xovn_nat_fail(skb, ctx, rc);
		}
		if (r->flags & XOVN_NAT_EXT_MAC)
			__builtin_memcpy(src_mac, r->external_mac, ETH_ALEN);
	} else if (ns->state == XOVN_NATS_CONN) {
		if (ns->t.flags & XOVN_CT_EXT_MAC)
			__builtin_memcpy(src_mac, ns->t.mac, ETH_ALEN);
	} else {
		return XOVN_NAT_GO;
	}
	if (xovn_nat_rewrite_src(skb, &ns->pkt, &ns->t))
		return xovn_drop(skb, ctx, XOVN_DROP_REDIRECT_FAILED);
	if (ns->t.src != ns->pkt.key.src || ns->t.sport != ns->pkt.key.sport)
		xovn_trace_hop_flag(ctx, XOVN_HOP_SNAT);
	return XOVN_NAT_GO;
}

#endif /* XOVN_BPF_NAT_H */
