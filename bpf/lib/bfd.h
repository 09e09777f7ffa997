/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * bfd.h - BFD between chassis travels inside the Geneve tunnel, as Open
 * vSwitch runs it on tunnel ports: no OVN option, an inner Ethernet frame to
 * 00:23:20:00:00:01 carrying IPv4/UDP to port 3784.  Such a packet is not
 * for a logical port but for xovnd, which reads it from its UDP socket on
 * the encap IP, port 6081: both underlay programs pass it to the host
 * untouched.  xovnd checks everything else (TTL 255, the BFD header).
 */
#ifndef XOVN_BPF_BFD_H
#define XOVN_BPF_BFD_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include "geneve.h"
#include "ipv4.h"
#include "pkt.h"

#define XOVN_BFD_PORT 3784

static __always_inline int xovn_is_bfd_mac(const __u8 *mac)
{
	return mac[0] == 0x00 && mac[1] == 0x23 && mac[2] == 0x20 && mac[3] == 0x00 &&
	       mac[4] == 0x00 && mac[5] == 0x01;
}

/* Is the Geneve packet at gnv_off a BFD control packet between chassis? */
static __always_inline int xovn_geneve_is_bfd(const struct xovn_pkt *p, __u32 gnv_off)
{
	struct xovn_genevehdr g;
	struct ethhdr eth;
	struct iphdr ip;
	struct udphdr udp;
	__u32 off;

	if (xovn_pkt_read(p, gnv_off, &g, sizeof(g)) || (g.ver_optlen & XOVN_GENEVE_VER_MASK) ||
	    g.proto != bpf_htons(XOVN_GENEVE_PROTO_TEB))
		return 0;
	off = gnv_off + sizeof(g) + xovn_geneve_opts_len(&g);
	if (xovn_pkt_read(p, off, &eth, sizeof(eth)) || !xovn_is_bfd_mac(eth.h_dest) ||
	    eth.h_proto != bpf_htons(ETH_P_IP))
		return 0;
	off += ETH_HLEN;
	if (xovn_pkt_read(p, off, &ip, sizeof(ip)) || ip.version != 4 || ip.ihl < 5 ||
	    ip.protocol != IPPROTO_UDP || xovn_ipv4_is_fragment(&ip))
		return 0;
	off += ip.ihl * 4;
	return !xovn_pkt_read(p, off, &udp, sizeof(udp)) && udp.dest == bpf_htons(XOVN_BFD_PORT);
}

#endif /* XOVN_BPF_BFD_H */
