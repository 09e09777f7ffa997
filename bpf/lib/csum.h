/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * csum.h - the Internet checksum (RFC 1071) for headers the datapath
 * builds: one fold for every caller, and a sum over bytes for buffers the
 * program holds on its stack (bpf_csum_diff covers packet data).
 */
#ifndef XOVN_BPF_CSUM_H
#define XOVN_BPF_CSUM_H

#include <linux/types.h>

/* Folds a one's-complement sum (up to 64 bits) to the 16-bit checksum field. */
static __always_inline __u16 xovn_csum_fold(__u64 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u16)~sum;
}

/* Adds len bytes (len even, a constant) as big-endian 16-bit words to sum. */
static __always_inline __u32 xovn_csum_add_bytes(__u32 sum, const __u8 *p, int len)
{
	int i;

#pragma unroll
	for (i = 0; i < len; i += 2)
		sum += ((__u32)p[i] << 8) | p[i + 1];
	return sum;
}

#endif /* XOVN_BPF_CSUM_H */
