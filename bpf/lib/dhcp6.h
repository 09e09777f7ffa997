/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * dhcp6.h - native DHCPv6 (ovn-nb DHCP_Options with an IPv6 cidr): a VIF's
 * SOLICIT gets an ADVERTISE, its REQUEST, RENEW, REBIND, CONFIRM or
 * INFORMATION-REQUEST a REPLY, answered on the port's own chassis.
 *
 * As for DHCPv4 (dhcp.h), only ports whose ingress entry carries
 * XOVN_IN_DHCP6 get here, the reply is built in place and goes back out
 * the interface the request came in on; a DHCPv6 message from such a port
 * that gets no reply (release, decline, another server's, malformed) is
 * dropped and counted as XOVN_DROP_DHCP, never flooded or tunneled.
 *
 * The reply: message type and the request's transaction id; an IA_NA with
 * the request's IAID and the port's address when the row is stateful and
 * the request asked for one; the entry's options (server identifier, DNS,
 * domain search); the request's client identifier, last, because its
 * length varies and its checksum share is then the only one that may sit
 * at an odd offset.
 */
#ifndef XOVN_BPF_DHCP6_H
#define XOVN_BPF_DHCP6_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ipv6.h>
#include <linux/pkt_cls.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "context.h"
#include "csum.h"
#include "dhcp.h"
#include "eth.h"
#include "maps.h"
#include "port_security.h"
#include "responder.h"

#define XOVN_DHCP6_CLIENT_PORT 546
#define XOVN_DHCP6_SERVER_PORT 547
#define XOVN_DHCP6_UDP_OFF     (ETH_HLEN + 40)
#define XOVN_DHCP6_MSG_OFF     (XOVN_DHCP6_UDP_OFF + 8)
#define XOVN_DHCP6_OPTS_OFF    (XOVN_DHCP6_MSG_OFF + 4)
#define XOVN_DHCP6_MAX_OPTS    16   /* options read from a request, at most */
#define XOVN_DHCP6_DUID_MAX    124  /* a longer client DUID gets no reply */
#define XOVN_DHCP6_IA_NA_LEN   44   /* option header, IAID, T1, T2, IAADDR option */
#define XOVN_DHCP6_INFINITY    0xffffffff

enum xovn_dhcp6_msg {
	XOVN_DHCP6_SOLICIT = 1,
	XOVN_DHCP6_ADVERTISE = 2,
	XOVN_DHCP6_REQUEST = 3,
	XOVN_DHCP6_CONFIRM = 4,
	XOVN_DHCP6_RENEW = 5,
	XOVN_DHCP6_REBIND = 6,
	XOVN_DHCP6_REPLY = 7,
	XOVN_DHCP6_INFO_REQUEST = 11,
};

enum xovn_dhcp6_opt_code {
	XOVN_DHCP6_OPT_CLIENTID = 1,
	XOVN_DHCP6_OPT_SERVERID = 2,
	XOVN_DHCP6_OPT_IA_NA = 3,
	XOVN_DHCP6_OPT_IAADDR = 5,
};

/* What the request carries that the reply needs. */
struct xovn_dhcp6_req {
	__u8 msg[4];          /* type, transaction id */
	__be32 iaid;
	__u8 src[16];         /* the client's IPv6 address: the reply's destination */
	__u8 has_ia_na;
	__u8 other_server;    /* a server identifier that is not ours */
	__u16 cid_len;        /* bytes of the client DUID; 0: none */
	__u8 cid[4 + 128];    /* the whole option, zero padded (a 0x7f mask keeps loads inside) */
};

struct xovn_dhcp6_iaaddr {
	__be16 code, len;
	__u8 addr[16];
	__be32 preferred, valid;
} __attribute__((packed));

/* The UDP part the datapath writes itself: header, message header, IA_NA. */
struct xovn_dhcp6_udp_head {
	struct udphdr udp;
	__u8 msg[4];
	__be16 ia_code, ia_len;
	__be32 iaid, t1, t2;
	struct xovn_dhcp6_iaaddr addr;
} __attribute__((packed));

_Static_assert(sizeof(struct xovn_dhcp6_udp_head) == 12 + XOVN_DHCP6_IA_NA_LEN, "IA_NA layout");

struct xovn_ip6_udp {
	struct ipv6hdr ip6;
	struct udphdr udp;
};

struct xovn_dhcp6_pseudo {
	__u8 saddr[16], daddr[16];
	__be32 len;
	__be32 next;
};

/*
 * Where the stage keeps the request and the reply's headers: a per-CPU
 * slot rather than its stack, which together with the pipeline's frame
 * must stay within BPF's 512 bytes (as router_scratch.h; a program runs to
 * its end on one CPU, so the slot is never shared by two frames at once).
 */
struct xovn_dhcp6_scratch {
	struct xovn_dhcp6_req r;
	struct xovn_dhcp6_udp_head h;
	struct xovn_dhcp6_pseudo ph;
	struct ipv6hdr ip6;
	struct ethhdr eth;
	__u16 pad;
	struct xovn_ip6_udp in;       /* the request's IPv6 and UDP headers */
	__u8 duid[12];                /* a server identifier read from the request */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xovn_dhcp6_scratch);
} xovn_dhcp6_scratch SEC(".maps");


/* IPv6 without extension headers, UDP from port 546 to 547. */
static __always_inline int xovn_dhcp6_is_client_msg(struct __sk_buff *skb,
						    struct xovn_dhcp6_scratch *sc)
{
	struct xovn_ip6_udp *h = &sc->in;

	if (bpf_skb_load_bytes(skb, ETH_HLEN, h, sizeof(*h)) < 0)
		return 0;
	__builtin_memcpy(sc->r.src, &h->ip6.saddr, 16);
	return h->ip6.version == 6 && h->ip6.nexthdr == IPPROTO_UDP &&
	       h->udp.source == bpf_htons(XOVN_DHCP6_CLIENT_PORT) &&
	       h->udp.dest == bpf_htons(XOVN_DHCP6_SERVER_PORT);
}

/*
 * n & 0x7f, done where the verifier sees it: the compiler, knowing n is
 * already below 128, would drop a plain mask and the size of a load into
 * the client identifier buffer would look unbounded.
 */
static __always_inline __u32 xovn_dhcp6_bound(__u32 n)
{
	asm volatile("%0 &= 0x7f" : "+r"(n));
	return n;
}

/* A server identifier option of len bytes at off names this server. */
static __always_inline int xovn_dhcp6_is_our_duid(struct __sk_buff *skb, __u32 off, __u16 len,
						  const struct xovn_dhcp6_val *v, __u8 *duid)
{
	if (len != 10 || bpf_skb_load_bytes(skb, off, duid, 10) < 0)
		return 0;
	/* DUID-LL (type 3), Ethernet (hardware type 1), server_id */
	return duid[0] == 0 && duid[1] == 3 && duid[2] == 0 && duid[3] == 1 &&
	       xovn_mac_equal(&duid[4], v->server_mac);
}

/* One option (code, len of data at off + 4) into sc->r.  0 ok, -1 bad. */
static __always_inline int xovn_dhcp6_read_opt(struct __sk_buff *skb, __u32 off, __u16 code,
					       __u16 len, struct xovn_dhcp6_scratch *sc,
					       const struct xovn_dhcp6_val *v)
{
	struct xovn_dhcp6_req *r = &sc->r;

	if (code == XOVN_DHCP6_OPT_CLIENTID) {
		/* one, so that the zero padding after it stays zero */
		if (r->cid_len || len < 2 || len > XOVN_DHCP6_DUID_MAX ||
		    bpf_skb_load_bytes(skb, off, r->cid, 4 + xovn_dhcp6_bound(len)) < 0)
			return -1;
		r->cid_len = len;
	} else if (code == XOVN_DHCP6_OPT_SERVERID) {
		if (!xovn_dhcp6_is_our_duid(skb, off + 4, len, v, sc->duid))
			r->other_server = 1;
	} else if (code == XOVN_DHCP6_OPT_IA_NA && !r->has_ia_na) {
		if (len < 12 || bpf_skb_load_bytes(skb, off + 4, &r->iaid, 4) < 0)
			return -1;
		r->has_ia_na = 1;
	}
	return 0;
}

/* The message header and the options up to the UDP length.  0 ok, -1 bad. */
static __always_inline int xovn_dhcp6_load(struct __sk_buff *skb, struct xovn_dhcp6_scratch *sc,
					   const struct xovn_dhcp6_val *v)
{
	struct xovn_dhcp6_req *r = &sc->r;
	__u32 off = XOVN_DHCP6_OPTS_OFF, end;
	__be16 udp_len;
	int i;

	if (bpf_skb_load_bytes(skb, XOVN_DHCP6_UDP_OFF + 4, &udp_len, 2) < 0 ||
	    bpf_skb_load_bytes(skb, XOVN_DHCP6_MSG_OFF, r->msg, 4) < 0)
		return -1;
	end = XOVN_DHCP6_UDP_OFF + bpf_ntohs(udp_len);
	if (end > skb->len)
		return -1;
#pragma clang loop unroll(disable)
	for (i = 0; i < XOVN_DHCP6_MAX_OPTS && off + 4 <= end; i++) {
		__be16 tl[2];
		__u16 len;

		if (bpf_skb_load_bytes(skb, off, tl, 4) < 0)
			return -1;
		len = bpf_ntohs(tl[1]);
		if (off + 4 + len > end ||
		    xovn_dhcp6_read_opt(skb, off, bpf_ntohs(tl[0]), len, sc, v) < 0)
			return -1;
		off += 4 + len;
	}
	return r->cid_len ? 0 : -1;
}

/* The reply's message type, or 0 when the request gets none. */
static __always_inline __u8 xovn_dhcp6_answer(const struct xovn_dhcp6_req *r)
{
	if (r->other_server)
		return 0;
	switch (r->msg[0]) {
	case XOVN_DHCP6_SOLICIT:
		return XOVN_DHCP6_ADVERTISE;
	case XOVN_DHCP6_REQUEST:
	case XOVN_DHCP6_CONFIRM:
	case XOVN_DHCP6_RENEW:
	case XOVN_DHCP6_REBIND:
	case XOVN_DHCP6_INFO_REQUEST:
		return XOVN_DHCP6_REPLY;
	default:
		return 0;
	}
}

/* An IA_NA goes with a stateful row's answer to a request asking for addresses. */
static __always_inline int xovn_dhcp6_offers_ia(const struct xovn_dhcp6_req *r,
						const struct xovn_dhcp6_val *v)
{
	return (v->flags & XOVN_DHCP6_STATEFUL) && r->has_ia_na &&
	       r->msg[0] != XOVN_DHCP6_CONFIRM && r->msg[0] != XOVN_DHCP6_INFO_REQUEST;
}

/* UDP header, message header and IA_NA (addresses valid forever, as OVN). */
static __always_inline void xovn_dhcp6_udp_head(struct xovn_dhcp6_udp_head *h,
						const struct xovn_dhcp6_req *r,
						const struct xovn_dhcp6_val *v, __u8 type,
						__u32 udp_len)
{
	h->udp.source = bpf_htons(XOVN_DHCP6_SERVER_PORT);
	h->udp.dest = bpf_htons(XOVN_DHCP6_CLIENT_PORT);
	h->udp.len = bpf_htons(udp_len);
	h->udp.check = 0;
	__builtin_memcpy(h->msg, r->msg, 4);
	h->msg[0] = type;
	h->ia_code = bpf_htons(XOVN_DHCP6_OPT_IA_NA);
	h->ia_len = bpf_htons(XOVN_DHCP6_IA_NA_LEN - 4);
	h->iaid = r->iaid;
	h->t1 = bpf_htonl(XOVN_DHCP6_INFINITY);
	h->t2 = bpf_htonl(XOVN_DHCP6_INFINITY);
	h->addr.code = bpf_htons(XOVN_DHCP6_OPT_IAADDR);
	h->addr.len = bpf_htons(sizeof(h->addr) - 4);
	__builtin_memcpy(h->addr.addr, v->ip, 16);
	h->addr.preferred = bpf_htonl(XOVN_DHCP6_INFINITY);
	h->addr.valid = bpf_htonl(XOVN_DHCP6_INFINITY);
}

/* Ethernet and IPv6 headers: from the server's link-local address to the client's. */
static __always_inline void xovn_dhcp6_l2l3(struct ethhdr *eth, struct ipv6hdr *ip6, const struct xovn_dhcp6_req *r,
					    const struct xovn_dhcp6_val *v, __u32 udp_len)
{
	__builtin_memcpy(eth->h_dest, v->mac, ETH_ALEN);
	__builtin_memcpy(eth->h_source, v->server_mac, ETH_ALEN);
	eth->h_proto = bpf_htons(ETH_P_IPV6);
	__builtin_memset(ip6, 0, sizeof(*ip6));
	ip6->version = 6;
	ip6->payload_len = bpf_htons(udp_len);
	ip6->nexthdr = IPPROTO_UDP;
	ip6->hop_limit = 255;
	__builtin_memcpy(&ip6->saddr, v->server_ip, 16);
	__builtin_memcpy(&ip6->daddr, r->src, 16);
}

/*
 * The UDP checksum from its parts: pseudo header, what the datapath writes
 * (head_len bytes), the entry's options (even offset, zero padded to 4),
 * and the client identifier, whose 16-bit words are swapped when it starts
 * at an odd offset (RFC 1071: the sum is byte-order independent).
 */
static __always_inline __u16 xovn_dhcp6_csum(struct xovn_dhcp6_scratch *sc,
					     const struct xovn_dhcp6_val *v, __u32 head_len,
					     __u32 udp_len)
{
	struct xovn_dhcp6_pseudo *ph = &sc->ph;
	__u32 opts_words = (v->opts_len + 3) & ~3u;
	__s64 s, c;
	__u64 cid;

	__builtin_memcpy(ph->saddr, v->server_ip, 16);
	__builtin_memcpy(ph->daddr, sc->r.src, 16);
	ph->len = bpf_htonl(udp_len);
	ph->next = bpf_htonl(IPPROTO_UDP);
	if (opts_words > XOVN_DHCP6_OPTS_MAX || head_len > sizeof(sc->h))
		return 0;
	s = bpf_csum_diff(0, 0, (__be32 *)ph, sizeof(*ph), 0);
	if (s >= 0)
		s = bpf_csum_diff(0, 0, (__be32 *)&sc->h, head_len, (__u32)s);
	if (s >= 0 && opts_words)
		s = bpf_csum_diff(0, 0, (__be32 *)v->opts, opts_words, (__u32)s);
	c = bpf_csum_diff(0, 0, (__be32 *)sc->r.cid, sizeof(sc->r.cid), 0);
	if (s < 0 || c < 0)
		return 0;  /* invalid over IPv6: the client drops it and asks again */
	cid = ~xovn_csum_fold((__u64)c) & 0xffff;
	if ((head_len + v->opts_len) & 1)
		cid = ((cid & 0xff) << 8) | (cid >> 8);
	s = xovn_csum_fold((__u64)s + cid);
	return s ? (__u16)s : 0xffff;
}

/*
 * Turns the request into the reply of type in place.  0, or -1 when a
 * helper failed (the frame is then dropped: it may be half rewritten).
 */
static __always_inline int xovn_dhcp6_write(struct __sk_buff *skb, struct xovn_dhcp6_scratch *sc,
					    const struct xovn_dhcp6_val *v, __u8 type)
{
	const struct xovn_dhcp6_req *r = &sc->r;
	__u32 head_len = xovn_dhcp6_offers_ia(r, v) ? sizeof(struct xovn_dhcp6_udp_head) : 12;
	__u32 opts_len = v->opts_len, cid_len = 4 + xovn_dhcp6_bound(r->cid_len);
	__u32 udp_len = head_len + opts_len + cid_len;

	if (opts_len > XOVN_DHCP6_OPTS_MAX || cid_len > sizeof(r->cid))
		return -1;
	xovn_dhcp6_udp_head(&sc->h, r, v, type, udp_len);
	xovn_dhcp6_l2l3(&sc->eth, &sc->ip6, r, v, udp_len);
	sc->h.udp.check = xovn_dhcp6_csum(sc, v, head_len, udp_len);
	if (bpf_skb_change_tail(skb, XOVN_DHCP6_UDP_OFF + udp_len, 0) < 0 ||
	    bpf_skb_store_bytes(skb, 0, &sc->eth, ETH_HLEN, 0) < 0 ||
	    bpf_skb_store_bytes(skb, ETH_HLEN, &sc->ip6, sizeof(sc->ip6), 0) < 0 ||
	    bpf_skb_store_bytes(skb, XOVN_DHCP6_UDP_OFF, &sc->h, head_len, 0) < 0 ||
	    (opts_len && bpf_skb_store_bytes(skb, XOVN_DHCP6_UDP_OFF + head_len, v->opts,
					     opts_len, 0) < 0) ||
	    bpf_skb_store_bytes(skb, XOVN_DHCP6_UDP_OFF + head_len + opts_len, r->cid, cid_len,
				0) < 0)
		return -1;
	return 0;
}

/*
 * The DHCPv6 stage of the port (dp_key, port_key): a global function for
 * the reasons given at xovn_dhcp_reply.  Returns enum xovn_dhcp_verdict.
 */
__attribute__((noinline)) int xovn_dhcp6_reply(struct __sk_buff *skb, __u32 dp_key,
					       __u32 port_key)
{
	struct xovn_port_key key = { .dp_key = dp_key, .port_key = (__u16)port_key };
	const struct xovn_dhcp6_val *v;
	struct xovn_dhcp6_scratch *sc;
	__u8 src[ETH_ALEN];
	__u32 zero = 0;
	__u8 type;

	sc = bpf_map_lookup_elem(&xovn_dhcp6_scratch, &zero);
	if (!skb || !sc)
		return XOVN_DHCP_PASS;
	__builtin_memset(&sc->r, 0, sizeof(sc->r));
	if (!xovn_dhcp6_is_client_msg(skb, sc))
		return XOVN_DHCP_PASS;
	v = bpf_map_lookup_elem(&xovn_dhcp6, &key);
	if (!v)
		return XOVN_DHCP_PASS;  /* the flag is written after the entry: a change under way */
	if (xovn_pkt_copy(skb, ETH_ALEN, src, ETH_ALEN) || !xovn_mac_equal(src, v->mac) ||
	    xovn_dhcp6_load(skb, sc, v) < 0)
		return XOVN_DHCP_CONSUMED;
	type = xovn_dhcp6_answer(&sc->r);
	if (!type || xovn_dhcp6_write(skb, sc, v, type) < 0)
		return XOVN_DHCP_CONSUMED;
	return XOVN_DHCP_REPLIED;
}

/*
 * Answers a DHCPv6 client message from a port with native DHCPv6: returns
 * the TC verdict then, or XOVN_NOT_ANSWERED for every other frame.
 */
static __always_inline int xovn_dhcp6_respond(struct __sk_buff *skb, struct xovn_ctx *ctx,
					      const struct xovn_eth *eth)
{
	if (!(ctx->in_flags & XOVN_IN_DHCP6) || eth->proto != ETH_P_IPV6)
		return XOVN_NOT_ANSWERED;
	return xovn_dhcp_verdict(skb, ctx, xovn_dhcp6_reply(skb, ctx->dp_key, ctx->in_port));
}

#endif /* XOVN_BPF_DHCP6_H */
