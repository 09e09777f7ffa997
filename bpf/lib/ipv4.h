/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* ipv4.h - the outer IPv4 header of tunnel packets: checksum and classification. */
#ifndef XOVN_BPF_IPV4_H
#define XOVN_BPF_IPV4_H

#include <linux/bpf.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "csum.h"

#define XOVN_IP_DF       0x4000
#define XOVN_IP_MF       0x2000
#define XOVN_IP_OFFMASK  0x1fff
#define XOVN_IPV4_HLEN   20

/* Sets ip->check for a 20-byte header (no options: the only kind we build). */
static __always_inline void xovn_ipv4_set_csum(struct iphdr *ip)
{
	__s64 sum;

	ip->check = 0;
	sum = bpf_csum_diff(0, 0, (__be32 *)ip, XOVN_IPV4_HLEN, 0);
	ip->check = sum < 0 ? 0 : xovn_csum_fold((__u64)sum);
}

/* A fragment (first or later): its UDP payload cannot be parsed on its own. */
static __always_inline int xovn_ipv4_is_fragment(const struct iphdr *ip)
{
	return (ip->frag_off & bpf_htons(XOVN_IP_MF | XOVN_IP_OFFMASK)) != 0;
}

#endif /* XOVN_BPF_IPV4_H */
