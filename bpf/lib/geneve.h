/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * geneve.h - the Geneve header (RFC 8926) as OVN uses it: UDP port 6081,
 * VNI = logical switch key, and one critical option of class OVN carrying
 * the logical ingress and egress port keys:
 *
 *   option data: | 0 | ingress port key (15) | egress port key (16) |
 *
 * The header's layout and building it for encapsulation live here;
 * checking a received one is geneve_rx.h's, moving packet bytes tunnel.h's
 * and the underlay pipeline's business.
 */
#ifndef XOVN_BPF_GENEVE_H
#define XOVN_BPF_GENEVE_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "xovn_maps.h"

#define XOVN_GENEVE_VER_MASK    0xc0  /* first byte: version (2 bits) */
#define XOVN_GENEVE_OPTLEN_MASK 0x3f  /* first byte: options length, 4-byte units */
#define XOVN_GENEVE_F_OAM       0x80  /* second byte: O (control packet) */
#define XOVN_GENEVE_F_CRITICAL  0x40  /* second byte: C (critical option present) */
#define XOVN_GENEVE_PROTO_TEB   0x6558 /* Transparent Ethernet Bridging */
#define XOVN_GENEVE_OPT_CRIT    0x80  /* option type: critical bit */
#define XOVN_GENEVE_OPT_LEN_MASK 0x1f /* option: data length, 4-byte units */
#define XOVN_GENEVE_OVN_DATA_UNITS 1  /* the OVN option carries 4 bytes */
/* Options inspected per packet; a packet with more is refused (unverified critical bits). */
#define XOVN_GENEVE_MAX_OPTS    8

struct xovn_genevehdr {
	__u8 ver_optlen;   /* version << 6 | options length in 4-byte units */
	__u8 flags;        /* XOVN_GENEVE_F_* */
	__be16 proto;
	__u8 vni[3];
	__u8 rsvd;
};

struct xovn_geneve_opthdr {
	__be16 opt_class;
	__u8 type;
	__u8 len;          /* 3 reserved bits, 5 bits data length in 4-byte units */
};

/* The whole Geneve header xovn sends: base + the one OVN option. */
struct xovn_geneve_ovn {
	struct xovn_genevehdr hdr;
	struct xovn_geneve_opthdr opt;
	__be32 keys;       /* 0 | ingress port (15) | egress port (16) */
};

_Static_assert(sizeof(struct xovn_genevehdr) == 8, "geneve base header");
_Static_assert(sizeof(struct xovn_geneve_ovn) == 16, "geneve header + OVN option");

static __always_inline __be32 xovn_geneve_keys(__u16 in_port, __u16 out_key)
{
	return bpf_htonl(((__u32)(in_port & XOVN_PORT_KEY_MAX) << 16) | out_key);
}

static __always_inline void xovn_geneve_fill(struct xovn_geneve_ovn *g, __u32 vni,
					     __u16 in_port, __u16 out_key)
{
	g->hdr.ver_optlen = (sizeof(g->opt) + sizeof(g->keys)) / 4;
	/* OVN's option is critical: receivers that do not know it must drop. */
	g->hdr.flags = XOVN_GENEVE_F_CRITICAL;
	g->hdr.proto = bpf_htons(XOVN_GENEVE_PROTO_TEB);
	g->hdr.vni[0] = (vni >> 16) & 0xff;
	g->hdr.vni[1] = (vni >> 8) & 0xff;
	g->hdr.vni[2] = vni & 0xff;
	g->hdr.rsvd = 0;
	g->opt.opt_class = bpf_htons(XOVN_GENEVE_OPT_CLASS);
	g->opt.type = XOVN_GENEVE_OPT_TYPE;
	g->opt.len = XOVN_GENEVE_OVN_DATA_UNITS;
	g->keys = xovn_geneve_keys(in_port, out_key);
}

static __always_inline __u32 xovn_geneve_vni(const struct xovn_genevehdr *g)
{
	return (__u32)g->vni[0] << 16 | (__u32)g->vni[1] << 8 | g->vni[2];
}

static __always_inline __u32 xovn_geneve_opts_len(const struct xovn_genevehdr *g)
{
	return (__u32)(g->ver_optlen & XOVN_GENEVE_OPTLEN_MASK) * 4;
}

#endif /* XOVN_BPF_GENEVE_H */
