/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * dhcp.h - native DHCPv4 (ovn-nb DHCP_Options): a VIF's DHCPDISCOVER gets
 * a DHCPOFFER and its DHCPREQUEST a DHCPACK (or a DHCPNAK for an address
 * that is not the port's), answered on the port's own chassis.
 *
 * Only ports whose ingress entry carries XOVN_IN_DHCP get here, so every
 * other frame pays one flag test.  The reply is built in place: the frame
 * is cut or grown to the reply's length, the headers are written, the
 * options are copied from the xovn_dhcp entry (encoded by the compiler),
 * and the frame goes back out the interface it came in on, with the
 * port's own VLAN tag.  It is never flooded or tunneled: a DHCP message
 * from such a port that gets no reply (release, decline, inform, another
 * server's, malformed) is dropped and counted as XOVN_DROP_DHCP.
 */
#ifndef XOVN_BPF_DHCP_H
#define XOVN_BPF_DHCP_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "context.h"
#include "eth.h"
#include "ipv4.h"
#include "maps.h"
#include "port_security.h"
#include "responder.h"
#include "stats.h"
#include "trace.h"
#include "vlan.h"

/* XOVN_DHCP_CLIENT_PORT / XOVN_DHCP_SERVER_PORT: port_security.h */
#define XOVN_DHCP_MAGIC        0x63825363

enum xovn_dhcp_msg {
	XOVN_DHCPDISCOVER = 1,
	XOVN_DHCPOFFER = 2,
	XOVN_DHCPREQUEST = 3,
	XOVN_DHCPACK = 5,
	XOVN_DHCPNAK = 6,
};

enum xovn_dhcp_opt_code {
	XOVN_DHCP_OPT_PAD = 0,
	XOVN_DHCP_OPT_REQUESTED_IP = 50,
	XOVN_DHCP_OPT_MSG_TYPE = 53,
	XOVN_DHCP_OPT_SERVER_ID = 54,
	XOVN_DHCP_OPT_END = 255,
};

/* The BOOTP header up to chaddr: every field a reply copies or sets. */
struct xovn_bootp {
	__u8 op;
	__u8 htype;
	__u8 hlen;
	__u8 hops;
	__be32 xid;
	__be16 secs;
	__be16 flags;
	__be32 ciaddr;
	__be32 yiaddr;
	__be32 siaddr;
	__be32 giaddr;
	__u8 chaddr[16];
};

/* Offsets in an untagged frame with a 20-byte IPv4 header (the only kind answered). */
#define XOVN_DHCP_IP_OFF      ETH_HLEN
#define XOVN_DHCP_UDP_OFF     (ETH_HLEN + XOVN_IPV4_HLEN)
#define XOVN_DHCP_BOOTP_OFF   (XOVN_DHCP_UDP_OFF + 8)
#define XOVN_DHCP_SNAME_OFF   (XOVN_DHCP_BOOTP_OFF + 44)   /* sname[64], file[128] */
#define XOVN_DHCP_COOKIE_OFF  (XOVN_DHCP_BOOTP_OFF + 236)
#define XOVN_DHCP_OPTS_OFF    (XOVN_DHCP_COOKIE_OFF + 4)
#define XOVN_DHCP_MAX_OPTS    48   /* options read from a request, at most */
#define XOVN_DHCP_NAK_LEN     60   /* type, server id, end, padding */

_Static_assert(sizeof(struct xovn_bootp) == 44, "BOOTP header layout");

/* What the request asks for: its type, and the addresses it names. */
struct xovn_dhcp_req {
	struct xovn_bootp b;
	__be32 requested;    /* option 50, else 0 */
	__be32 server_id;    /* option 54, else 0 */
	__u8 type;           /* option 53 */
	__u8 pad[3];
};

struct xovn_ip_udp {
	struct iphdr ip;
	struct udphdr udp;
};

/* IPv4 without options or fragments, UDP from port 68 to 67. */
static __always_inline int xovn_dhcp_is_client_msg(struct __sk_buff *skb)
{
	struct xovn_ip_udp h;

	if (xovn_pkt_copy(skb, XOVN_DHCP_IP_OFF, &h, sizeof(h)))
		return 0;
	return h.ip.version == 4 && h.ip.ihl == 5 && h.ip.protocol == IPPROTO_UDP &&
	       !xovn_ipv4_is_fragment(&h.ip) &&
	       h.udp.source == bpf_htons(XOVN_DHCP_CLIENT_PORT) &&
	       h.udp.dest == bpf_htons(XOVN_DHCP_SERVER_PORT);
}

/* Reads options 53, 50 and 54 (type-length-value, from the cookie on). 0 ok, -1 bad. */
static __always_inline int xovn_dhcp_read_opts(struct __sk_buff *skb, struct xovn_dhcp_req *r)
{
	__u32 off = XOVN_DHCP_OPTS_OFF, len = skb->len;
	int i;

#pragma clang loop unroll(disable)
	for (i = 0; i < XOVN_DHCP_MAX_OPTS; i++) {
		__u8 tl[2];

		if (off >= len || bpf_skb_load_bytes(skb, off, tl, 1) < 0)
			break;
		if (tl[0] == XOVN_DHCP_OPT_END)
			break;
		if (tl[0] == XOVN_DHCP_OPT_PAD) {
			off++;
			continue;
		}
		if (bpf_skb_load_bytes(skb, off + 1, &tl[1], 1) < 0)
			return -1;
		if (tl[0] == XOVN_DHCP_OPT_MSG_TYPE && tl[1] == 1 &&
		    bpf_skb_load_bytes(skb, off + 2, &r->type, 1) < 0)
			return -1;
		if (tl[0] == XOVN_DHCP_OPT_REQUESTED_IP && tl[1] == 4 &&
		    bpf_skb_load_bytes(skb, off + 2, &r->requested, 4) < 0)
			return -1;
		if (tl[0] == XOVN_DHCP_OPT_SERVER_ID && tl[1] == 4 &&
		    bpf_skb_load_bytes(skb, off + 2, &r->server_id, 4) < 0)
			return -1;
		off += 2 + tl[1];
	}
	return r->type ? 0 : -1;
}

/* A BOOTREQUEST for Ethernet with the cookie and a message type. 0 ok, -1 bad. */
static __always_inline int xovn_dhcp_load(struct __sk_buff *skb, struct xovn_dhcp_req *r)
{
	__be32 cookie;

	__builtin_memset(r, 0, sizeof(*r));
	if (bpf_skb_load_bytes(skb, XOVN_DHCP_BOOTP_OFF, &r->b, sizeof(r->b)) < 0 ||
	    bpf_skb_load_bytes(skb, XOVN_DHCP_COOKIE_OFF, &cookie, sizeof(cookie)) < 0)
		return -1;
	if (r->b.op != 1 || r->b.htype != 1 || r->b.hlen != ETH_ALEN ||
	    cookie != bpf_htonl(XOVN_DHCP_MAGIC))
		return -1;
	return xovn_dhcp_read_opts(skb, r);
}

/* The reply's message type, or 0 when the request gets none. */
static __always_inline __u8 xovn_dhcp_answer(const struct xovn_dhcp_req *r,
					     const struct xovn_dhcp_val *v)
{
	__be32 wanted;

	if (r->server_id && r->server_id != v->server_ip)
		return 0;  /* the client chose another server */
	if (r->type == XOVN_DHCPDISCOVER)
		return XOVN_DHCPOFFER;
	if (r->type != XOVN_DHCPREQUEST)
		return 0;
	wanted = r->requested ? r->requested : r->b.ciaddr;
	return wanted == v->ip ? XOVN_DHCPACK : XOVN_DHCPNAK;
}

/* The options of a DHCPNAK, written in the packet: type, server id, end, zero padding. */
static __always_inline void xovn_dhcp_nak_opts(__u8 *o, __be32 server_ip)
{
	__builtin_memset(o, 0, XOVN_DHCP_NAK_LEN);
	o[0] = XOVN_DHCP_OPT_MSG_TYPE;
	o[1] = 1;
	o[2] = XOVN_DHCPNAK;
	o[3] = XOVN_DHCP_OPT_SERVER_ID;
	o[4] = 4;
	__builtin_memcpy(&o[5], &server_ip, 4);
	o[9] = XOVN_DHCP_OPT_END;
}

/* Ethernet, IPv4 (checksummed) and UDP (length only) headers of the reply. */
static __always_inline void xovn_dhcp_headers(void *data, const struct xovn_dhcp_val *v,
					      __be32 dst, __u32 len)
{
	struct ethhdr *eth = data;
	struct iphdr *ip = data + XOVN_DHCP_IP_OFF;
	struct udphdr *udp = data + XOVN_DHCP_UDP_OFF;

	__builtin_memcpy(eth->h_dest, v->mac, ETH_ALEN);
	__builtin_memcpy(eth->h_source, v->server_mac, ETH_ALEN);
	eth->h_proto = bpf_htons(ETH_P_IP);
	ip->version = 4;
	ip->ihl = 5;
	ip->tos = 0;
	ip->tot_len = bpf_htons(len - ETH_HLEN);
	ip->id = 0;
	ip->frag_off = 0;
	ip->ttl = 64;
	ip->protocol = IPPROTO_UDP;
	ip->saddr = v->server_ip;
	ip->daddr = dst;
	xovn_ipv4_set_csum(ip);
	udp->source = bpf_htons(XOVN_DHCP_SERVER_PORT);
	udp->dest = bpf_htons(XOVN_DHCP_CLIENT_PORT);
	udp->len = bpf_htons(len - XOVN_DHCP_UDP_OFF);
	udp->check = 0;
}

/* The BOOTREPLY header: the request's xid, flags, giaddr and chaddr; sname/file zero. */
static __always_inline void xovn_dhcp_bootp(void *data, const struct xovn_dhcp_req *r,
					    const struct xovn_dhcp_val *v, __u8 type)
{
	struct xovn_bootp *b = data + XOVN_DHCP_BOOTP_OFF;
	__be32 *cookie = data + XOVN_DHCP_COOKIE_OFF;

	*b = r->b;
	b->op = 2;
	b->hops = 0;
	b->secs = 0;
	b->ciaddr = type == XOVN_DHCPACK ? r->b.ciaddr : 0;
	b->yiaddr = type == XOVN_DHCPNAK ? 0 : v->ip;
	b->siaddr = 0;
	__builtin_memset(data + XOVN_DHCP_SNAME_OFF, 0, XOVN_DHCP_COOKIE_OFF - XOVN_DHCP_SNAME_OFF);
	*cookie = bpf_htonl(XOVN_DHCP_MAGIC);
}

/*
 * The UDP checksum from its parts: the pseudo header; the UDP header, the
 * BOOTP block (and a NAK's options) as written in the packet, covered bytes
 * from the UDP header on; an OFFER's or ACK's options from the entry they
 * were copied from, with the message type byte added at its even offset.
 */
static __always_inline __u16 xovn_dhcp_udp_csum(void *data, __u32 covered,
						const struct xovn_dhcp_val *v, __u8 type,
						__be32 dst, __u32 len)
{
	struct {
		__be32 saddr, daddr;
		__u8 zero, proto;
		__be16 len;
	} ph;
	__u32 opts_len = v->opts_len;
	__s64 s;
	__u64 sum;

	ph.saddr = v->server_ip;
	ph.daddr = dst;
	ph.zero = 0;
	ph.proto = IPPROTO_UDP;
	ph.len = bpf_htons(len - XOVN_DHCP_UDP_OFF);
	s = bpf_csum_diff(0, 0, (__be32 *)&ph, sizeof(ph), 0);
	if (s >= 0)
		s = bpf_csum_diff(0, 0, data + XOVN_DHCP_UDP_OFF, covered, (__u32)s);
	if (s >= 0 && type != XOVN_DHCPNAK) {
		if (opts_len > XOVN_DHCP_OPTS_MAX)
			return 0;
		s = bpf_csum_diff(0, 0, (__be32 *)v->opts, opts_len, (__u32)s);
	}
	if (s < 0)
		return 0;  /* no checksum: still a valid UDP datagram over IPv4 */
	sum = (__u64)s;
	if (type != XOVN_DHCPNAK)
		sum += bpf_htons((__u16)type << 8);
	sum = xovn_csum_fold(sum);
	return sum ? (__u16)sum : 0xffff;
}

/* An OFFER or ACK: the entry's options, then the type byte. 0 or -1. */
static __always_inline int xovn_dhcp_copy_opts(struct __sk_buff *skb,
					       const struct xovn_dhcp_val *v, __u8 type)
{
	__u32 opts_len = v->opts_len;

	if (opts_len < 4 || opts_len > XOVN_DHCP_OPTS_MAX)
		return -1;
	if (bpf_skb_store_bytes(skb, XOVN_DHCP_OPTS_OFF, v->opts, opts_len, 0) < 0 ||
	    bpf_skb_store_bytes(skb, XOVN_DHCP_OPTS_OFF + 2, &type, 1, 0) < 0)
		return -1;
	return 0;
}

/*
 * Turns the request into the reply of type in place.  0, or -1 when a
 * helper failed (the frame is then dropped: it may be half rewritten).
 */
static __always_inline int xovn_dhcp_write(struct __sk_buff *skb, const struct xovn_dhcp_req *r,
					   const struct xovn_dhcp_val *v, __u8 type)
{
	int nak = type == XOVN_DHCPNAK;
	__u32 len = XOVN_DHCP_OPTS_OFF + (nak ? XOVN_DHCP_NAK_LEN : v->opts_len);
	__u32 covered = XOVN_DHCP_OPTS_OFF - XOVN_DHCP_UDP_OFF;
	/* the client has no address to be reached at before an ACK */
	__be32 dst = nak ? 0xffffffff : v->ip;
	void *data, *data_end;

	if (bpf_skb_change_tail(skb, len, 0) < 0 || (!nak && xovn_dhcp_copy_opts(skb, v, type) < 0) ||
	    bpf_skb_pull_data(skb, nak ? len : XOVN_DHCP_OPTS_OFF) < 0)
		return -1;
	data = (void *)(long)skb->data;
	data_end = (void *)(long)skb->data_end;
	if (data + XOVN_DHCP_OPTS_OFF > data_end)
		return -1;
	if (nak) {
		if (data + XOVN_DHCP_OPTS_OFF + XOVN_DHCP_NAK_LEN > data_end)
			return -1;
		xovn_dhcp_nak_opts(data + XOVN_DHCP_OPTS_OFF, v->server_ip);
		covered += XOVN_DHCP_NAK_LEN;
	}
	xovn_dhcp_headers(data, v, dst, len);
	xovn_dhcp_bootp(data, r, v, type);
	((struct udphdr *)(data + XOVN_DHCP_UDP_OFF))->check =
		xovn_dhcp_udp_csum(data, covered, v, type, dst, len);
	return 0;
}

enum xovn_dhcp_verdict {
	XOVN_DHCP_PASS = 0,      /* not a DHCP client message, or no entry yet: switch it */
	XOVN_DHCP_REPLIED = 1,   /* the frame is now the reply */
	XOVN_DHCP_CONSUMED = 2,  /* no reply: drop it */
};

/*
 * The DHCP stage of the port (dp_key, port_key).  A global function: the
 * verifier checks it once on its own, instead of once for every pipeline
 * path that reaches it (its options loop would multiply them), and its
 * stack is its own frame rather than part of the pipeline's.
 */
__attribute__((noinline)) int xovn_dhcp_reply(struct __sk_buff *skb, __u32 dp_key,
					      __u32 port_key)
{
	struct xovn_port_key key = { .dp_key = dp_key, .port_key = (__u16)port_key };
	const struct xovn_dhcp_val *v;
	struct xovn_dhcp_req r;
	__u8 src[ETH_ALEN];
	__u8 type;

	if (!skb || !xovn_dhcp_is_client_msg(skb))
		return XOVN_DHCP_PASS;
	v = bpf_map_lookup_elem(&xovn_dhcp, &key);
	if (!v)
		return XOVN_DHCP_PASS;  /* the flag is written after the entry: a change under way */
	if (xovn_pkt_copy(skb, ETH_ALEN, src, ETH_ALEN) || !xovn_mac_equal(src, v->mac) ||
	    xovn_dhcp_load(skb, &r) < 0)
		return XOVN_DHCP_CONSUMED;
	type = xovn_dhcp_answer(&r, v);
	if (!type || xovn_dhcp_write(skb, &r, v, type) < 0)
		return XOVN_DHCP_CONSUMED;
	return XOVN_DHCP_REPLIED;
}

/* The TC verdict for what the DHCP or DHCPv6 server did with a frame. */
static __always_inline int xovn_dhcp_verdict(struct __sk_buff *skb, struct xovn_ctx *ctx,
					     int outcome)
{
	switch (outcome) {
	case XOVN_DHCP_REPLIED:
		/* back to the VM it came from, counted as sent to its port */
		return xovn_send_back(skb, ctx, XOVN_ACT_DHCP_REPLY, 1);
	case XOVN_DHCP_CONSUMED:
		return xovn_drop(skb, ctx, XOVN_DROP_DHCP);
	default:
		return XOVN_NOT_ANSWERED;
	}
}

/*
 * Answers a DHCP client message from a port with native DHCP: returns the
 * TC verdict then, or XOVN_NOT_ANSWERED for every other frame.
 */
static __always_inline int xovn_dhcp_respond(struct __sk_buff *skb, struct xovn_ctx *ctx,
					     const struct xovn_eth *eth)
{
	if (!(ctx->in_flags & XOVN_IN_DHCP) || eth->proto != ETH_P_IP)
		return XOVN_NOT_ANSWERED;
	return xovn_dhcp_verdict(skb, ctx, xovn_dhcp_reply(skb, ctx->dp_key, ctx->in_port));
}

#endif /* XOVN_BPF_DHCP_H */
