/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * geneve_rx.h - is a received frame Geneve for this chassis, and would we
 * accept it?  One copy of the checks, run by both underlay programs:
 * xovn_underlay_ingress (TC, pipeline_underlay.h), which then decapsulates,
 * and xovn_underlay_xdp (underlay_guard.h), which only drops earlier what
 * TC would drop.  Working on a struct xovn_pkt keeps their verdicts and
 * reasons the same by construction.
 *
 *   classify: unfragmented IPv4/UDP to our encap IP, port 6081?  else the host's
 *   validate: Geneve header, options, OVN option, VNI, egress key
 */
#ifndef XOVN_BPF_GENEVE_RX_H
#define XOVN_BPF_GENEVE_RX_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "deliver.h"
#include "gateway.h"
#include "geneve.h"
#include "ipv4.h"
#include "maps.h"
#include "pkt.h"

#define XOVN_NOT_GENEVE (-1)

/* What the OVN option of a received packet says. */
struct xovn_geneve_keys {
	__u16 in_port;
	__u16 out_key;
};

/* Where the parts of a received Geneve packet are. */
struct xovn_geneve_rx {
	__u32 gnv_off;      /* Geneve base header */
	__u32 inner_off;    /* inner Ethernet header */
	__u32 vni;
	struct xovn_geneve_keys keys;
	__u8 redirect;      /* the VNI is a router's: out of its gateway port, active here */
	struct xovn_port_val *port;  /* the egress port, when validation looked it up */
};

/*
 * The offset of the Geneve header of an unfragmented IPv4/UDP packet to
 * encap_ip, port 6081, or XOVN_NOT_GENEVE for anything else (the host's;
 * an 802.1Q-tagged frame is not ours either).
 */
static __always_inline int xovn_geneve_classify(const struct xovn_pkt *p, __u32 encap_ip)
{
	struct ethhdr eth;
	struct iphdr ip;
	struct udphdr udp;
	__u32 off;

	if (!encap_ip || xovn_pkt_read(p, 0, &eth, sizeof(eth)) ||
	    eth.h_proto != bpf_htons(ETH_P_IP) || xovn_pkt_read(p, ETH_HLEN, &ip, sizeof(ip)))
		return XOVN_NOT_GENEVE;
	if (ip.version != 4 || ip.ihl < 5 || ip.protocol != IPPROTO_UDP ||
	    ip.daddr != encap_ip || xovn_ipv4_is_fragment(&ip))
		return XOVN_NOT_GENEVE;
	off = ETH_HLEN + ip.ihl * 4;
	if (xovn_pkt_read(p, off, &udp, sizeof(udp)) || udp.dest != bpf_htons(XOVN_GENEVE_PORT))
		return XOVN_NOT_GENEVE;
	return off + sizeof(udp);
}

/* One option at off, inside the options area ending at end; its length in *olen. */
static __always_inline int xovn_geneve_parse_opt(const struct xovn_pkt *p, __u32 off, __u32 end,
						 __u32 *olen, struct xovn_geneve_keys *keys,
						 int *found)
{
	struct xovn_geneve_opthdr opt;
	__u32 data;

	if (off + sizeof(opt) > end || xovn_pkt_read(p, off, &opt, sizeof(opt)))
		return XOVN_DROP_GENEVE_OPTLEN;
	*olen = sizeof(opt) + (__u32)(opt.len & XOVN_GENEVE_OPT_LEN_MASK) * 4;
	if (off + *olen > end)
		return XOVN_DROP_GENEVE_OPTLEN;
	if (opt.opt_class == bpf_htons(XOVN_GENEVE_OPT_CLASS) && opt.type == XOVN_GENEVE_OPT_TYPE) {
		if ((opt.len & XOVN_GENEVE_OPT_LEN_MASK) != XOVN_GENEVE_OVN_DATA_UNITS ||
		    xovn_pkt_read(p, off + sizeof(opt), &data, sizeof(data)))
			return XOVN_DROP_GENEVE_OPTION;
		data = bpf_ntohl(data);
		keys->in_port = (data >> 16) & XOVN_PORT_KEY_MAX;
		keys->out_key = data & 0xffff;
		*found = 1;
	} else if (opt.type & XOVN_GENEVE_OPT_CRIT) {
		/* RFC 8926: an unknown critical option means drop. */
		return XOVN_DROP_GENEVE_OPTION;
	}
	return 0;
}

/*
 * Walks the options in [off, end) and extracts the OVN one.
 * 0, XOVN_DROP_GENEVE_OPTLEN (an option runs past the options area) or
 * XOVN_DROP_GENEVE_OPTION (no OVN option, a malformed one, an unknown
 * critical one, or more options than we inspect).
 */
static __always_inline int xovn_geneve_parse_opts(const struct xovn_pkt *p, __u32 off, __u32 end,
						  struct xovn_geneve_keys *keys)
{
	__u32 i, olen = 0;
	int found = 0, reason;

	for (i = 0; i < XOVN_GENEVE_MAX_OPTS; i++) {
		if (off >= end)
			break;
		reason = xovn_geneve_parse_opt(p, off, end, &olen, keys, &found);
		if (reason)
			return reason;
		off += olen;
	}
	if (off < end || !found)
		return XOVN_DROP_GENEVE_OPTION;
	return 0;
}

/* Validates the Geneve header at rx->gnv_off; 0 or the drop reason. */
static __always_inline int xovn_geneve_rx_parse(const struct xovn_pkt *p, struct xovn_geneve_rx *rx)
{
	struct xovn_genevehdr g;
	__u32 opts, end;
	int reason;

	if (xovn_pkt_read(p, rx->gnv_off, &g, sizeof(g)))
		return XOVN_DROP_GENEVE_SHORT;
	if (g.ver_optlen & XOVN_GENEVE_VER_MASK)
		return XOVN_DROP_GENEVE_OPTION;
	opts = rx->gnv_off + sizeof(g);
	end = opts + xovn_geneve_opts_len(&g);
	if (end > p->len)
		return XOVN_DROP_GENEVE_OPTLEN;
	if (g.proto != bpf_htons(XOVN_GENEVE_PROTO_TEB))
		return XOVN_DROP_GENEVE_OPTION;
	reason = xovn_geneve_parse_opts(p, opts, end, &rx->keys);
	if (reason)
		return reason;
	if (end + ETH_HLEN > p->len)
		return XOVN_DROP_GENEVE_SHORT;
	rx->inner_off = end;
	rx->vni = xovn_geneve_vni(&g);
	return 0;
}

/* A unicast egress key that is not the ingress port: one the receiver may look up. */
static __always_inline int xovn_geneve_unicast_key(const struct xovn_geneve_keys *k)
{
	return k->out_key && k->out_key <= XOVN_PORT_KEY_MAX && k->out_key != k->in_port;
}

/*
 * The header is valid and names a switch we have, or a router whose
 * gateway port (the egress key) is active here: 0 or the drop reason.
 * The usual frame, to a port of a switch we have, needs one lookup: its
 * port's entry exists only if the switch does.
 */
static __always_inline int xovn_geneve_rx_validate(const struct xovn_pkt *p,
						   struct xovn_geneve_rx *rx)
{
	int reason = xovn_geneve_rx_parse(p, rx);

	if (reason)
		return reason;
	if (xovn_geneve_unicast_key(&rx->keys)) {
		rx->port = xovn_port_lookup(rx->vni, rx->keys.out_key);
		if (rx->port)
			return 0;
	}
	if (bpf_map_lookup_elem(&xovn_datapaths, &rx->vni))
		return 0;
	if (rx->keys.out_key > XOVN_PORT_KEY_MAX ||
	    !xovn_gw_port_here(rx->vni, (__u16)rx->keys.out_key))
		return XOVN_DROP_GENEVE_VNI;
	rx->redirect = 1;
	return 0;
}

/*
 * Is the egress key something we may deliver from a tunnel?  A group we
 * know, or a port other than the ingress one with an interface here that
 * is not a localport (each chassis' localport instance serves its own
 * chassis only) or the localnet, or a router LSP whose router takes
 * tunneled frames here (gateway.h).  A redirect was checked already.
 */
static __always_inline int xovn_geneve_rx_lookup(const struct xovn_geneve_rx *rx,
						 const struct xovn_port_val **target)
{
	struct xovn_port_val *pv;

	*target = NULL;
	if (rx->redirect)
		return 0;
	if (rx->keys.out_key == XOVN_MC_FLOOD || rx->keys.out_key == XOVN_MC_UNKNOWN)
		return 0;
	if (!rx->keys.out_key || rx->keys.out_key > XOVN_PORT_KEY_MAX)
		return XOVN_DROP_GENEVE_PORT;
	/* Never back out the way it came in, whatever the sender says. */
	if (rx->keys.out_key == rx->keys.in_port)
		return XOVN_DROP_HAIRPIN;
	/* Looked up by validation already when it is there. */
	pv = rx->port;
	if (!pv || pv->port_type == XOVN_PT_LOCALPORT || pv->port_type == XOVN_PT_LOCALNET)
		return XOVN_DROP_GENEVE_PORT;
	if (!(pv->flags & XOVN_PF_LOCAL) && !xovn_gateway_tunnel_target(pv))
		return XOVN_DROP_GENEVE_PORT;
	*target = pv;  /* delivered from this value: no second lookup */
	return 0;
}

#endif /* XOVN_BPF_GENEVE_RX_H */
