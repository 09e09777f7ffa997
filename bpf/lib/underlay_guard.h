/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * underlay_guard.h - the XDP guard of the underlay interface.
 *
 * It decides only drop or pass, before the driver builds an skb: Geneve for
 * this chassis that the TC decapsulation (pipeline_underlay.h) would drop is
 * dropped here with the same reason, checked in the same order; everything
 * else, valid Geneve included, passes unchanged to xovn_underlay_ingress,
 * which decapsulates and switches it.  Nothing is rewritten here, so the
 * guard needs no skb helper and works in native (driver) XDP mode.
 *
 * Headers are read with direct packet access.  Every pointer is checked
 * against data_end where it is formed: the verifier learns packet bounds
 * only from comparisons with data_end.
 */
#ifndef XOVN_BPF_UNDERLAY_GUARD_H
#define XOVN_BPF_UNDERLAY_GUARD_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "drop.h"
#include "geneve.h"
#include "ipv4.h"
#include "maps.h"
#include "pipeline_underlay.h"
#include "tunnel.h"

/* The frame as XDP sees it. */
struct xovn_xdp_frame {
	void *data;
	void *end;
};

static __always_inline __u32 xovn_xdp_len(const struct xovn_xdp_frame *f)
{
	return (__u32)(f->end - f->data);
}

/*
 * The Geneve header of an unfragmented IPv4/UDP packet to encap_ip, port
 * 6081, or NULL for anything else (the host's).  Same classification as
 * xovn_underlay_udp_off(); an 802.1Q-tagged frame is not ours either.
 */
static __always_inline void *xovn_xdp_geneve_start(const struct xovn_xdp_frame *f, __u32 encap_ip)
{
	struct ethhdr *eth = f->data;
	struct iphdr *ip;
	struct udphdr *udp;

	if (!encap_ip || (void *)(eth + 1) > f->end || eth->h_proto != bpf_htons(ETH_P_IP))
		return NULL;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > f->end)
		return NULL;
	if (ip->version != 4 || ip->ihl < 5 || ip->protocol != IPPROTO_UDP ||
	    ip->daddr != encap_ip || xovn_ipv4_is_fragment(ip))
		return NULL;
	udp = (void *)ip + ip->ihl * 4;
	if ((void *)(udp + 1) > f->end || udp->dest != bpf_htons(XOVN_GENEVE_PORT))
		return NULL;
	return udp + 1;
}

/* One option at p, which lies inside [.., end) of the options area. */
static __always_inline int xovn_xdp_geneve_opt(const struct xovn_xdp_frame *f, void *p, void *end,
					       __u32 *olen, struct xovn_geneve_keys *keys,
					       int *found)
{
	struct xovn_geneve_opthdr *opt = p;
	__be32 *data;
	__u32 v;

	if ((void *)(opt + 1) > end || (void *)(opt + 1) > f->end)
		return XOVN_DROP_GENEVE_OPTLEN;
	*olen = sizeof(*opt) + (__u32)(opt->len & XOVN_GENEVE_OPT_LEN_MASK) * 4;
	if (p + *olen > end)
		return XOVN_DROP_GENEVE_OPTLEN;
	if (opt->opt_class == bpf_htons(XOVN_GENEVE_OPT_CLASS) &&
	    opt->type == XOVN_GENEVE_OPT_TYPE) {
		data = (void *)(opt + 1);
		if ((opt->len & XOVN_GENEVE_OPT_LEN_MASK) != XOVN_GENEVE_OVN_DATA_UNITS ||
		    (void *)(data + 1) > f->end)
			return XOVN_DROP_GENEVE_OPTION;
		v = bpf_ntohl(*data);
		keys->in_port = (v >> 16) & XOVN_PORT_KEY_MAX;
		keys->out_key = v & 0xffff;
		*found = 1;
	} else if (opt->type & XOVN_GENEVE_OPT_CRIT) {
		/* RFC 8926: an unknown critical option means drop. */
		return XOVN_DROP_GENEVE_OPTION;
	}
	return 0;
}

/*
 * Walks the options in [p, end), as xovn_geneve_parse_opts() does: at most
 * XOVN_GENEVE_MAX_OPTS of them, and the OVN option must be among them.
 */
static __always_inline int xovn_xdp_geneve_opts(const struct xovn_xdp_frame *f, void *p, void *end,
						struct xovn_geneve_keys *keys)
{
	int found = 0, reason;
	__u32 i, olen = 0;

	for (i = 0; i < XOVN_GENEVE_MAX_OPTS; i++) {
		if (p >= end)
			break;
		reason = xovn_xdp_geneve_opt(f, p, end, &olen, keys, &found);
		if (reason)
			return reason;
		p += olen;
	}
	if (p < end || !found)
		return XOVN_DROP_GENEVE_OPTION;
	return 0;
}

/* Validates the Geneve header at gnv, as xovn_geneve_rx_parse(); 0 or the drop reason. */
static __always_inline int xovn_xdp_geneve_parse(const struct xovn_xdp_frame *f, void *gnv,
						 struct xovn_geneve_rx *rx)
{
	struct xovn_genevehdr *g = gnv;
	void *opts, *end;
	int reason;

	if ((void *)(g + 1) > f->end)
		return XOVN_DROP_GENEVE_SHORT;
	if (g->ver_optlen & XOVN_GENEVE_VER_MASK)
		return XOVN_DROP_GENEVE_OPTION;
	opts = g + 1;
	end = opts + xovn_geneve_opts_len(g);
	if (end > f->end)
		return XOVN_DROP_GENEVE_OPTLEN;
	if (g->proto != bpf_htons(XOVN_GENEVE_PROTO_TEB))
		return XOVN_DROP_GENEVE_OPTION;
	reason = xovn_xdp_geneve_opts(f, opts, end, &rx->keys);
	if (reason)
		return reason;
	if (end + ETH_HLEN > f->end)
		return XOVN_DROP_GENEVE_SHORT;
	rx->vni = xovn_geneve_vni(g);
	return 0;
}

/* 0 when TC would accept the Geneve packet at gnv, else the reason it would drop it. */
static __always_inline int xovn_xdp_geneve_verdict(const struct xovn_xdp_frame *f, void *gnv)
{
	struct xovn_geneve_rx rx = {};
	int reason = xovn_xdp_geneve_parse(f, gnv, &rx);

	if (reason)
		return reason;
	if (!bpf_map_lookup_elem(&xovn_datapaths, &rx.vni))
		return XOVN_DROP_GENEVE_VNI;
	return xovn_geneve_rx_target(&rx);
}

static __always_inline int xovn_underlay_guard(struct xdp_md *ctx)
{
	const struct xovn_config *cfg = xovn_config_get();
	struct xovn_xdp_frame f = {
		.data = (void *)(long)ctx->data,
		.end = (void *)(long)ctx->data_end,
	};
	void *gnv = xovn_xdp_geneve_start(&f, cfg ? cfg->encap_ip : 0);
	int reason;

	if (!gnv)
		return XDP_PASS;
	reason = xovn_xdp_geneve_verdict(&f, gnv);
	if (!reason)
		return XDP_PASS;
	xovn_count_drop_len(reason, xovn_xdp_len(&f));
	return XDP_DROP;
}

#endif /* XOVN_BPF_UNDERLAY_GUARD_H */
