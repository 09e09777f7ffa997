/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * floor_move.h - the bytes the tunnel floors move, as xovn's tunnel paths
 * do (bpf/lib/tunnel.h): one bpf_skb_adjust_room, then one write of the
 * new front in place.  For baseline.bpf.c and floor.bpf.c.
 */
#ifndef XOVN_BENCH_FLOOR_MOVE_H
#define XOVN_BENCH_FLOOR_MOVE_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* Geneve with OVN's option: outer Ethernet + IPv4 + UDP + Geneve (16 bytes). */
#define FLOOR_ENCAP_OVERHEAD 58
#define FLOOR_ETH_HLEN       14
#define FLOOR_FRONT_LEN      (FLOOR_ENCAP_OVERHEAD + FLOOR_ETH_HLEN)
/* xovn's flags: the kernel records the UDP tunnel for GSO. */
#define FLOOR_ENCAP_FLAGS                                                      \
	(BPF_F_ADJ_ROOM_ENCAP_L3_IPV4 | BPF_F_ADJ_ROOM_ENCAP_L4_UDP |          \
	 BPF_F_ADJ_ROOM_ENCAP_L2_ETH | BPF_F_ADJ_ROOM_ENCAP_L2(FLOOR_ETH_HLEN))

/*
 * Grows (delta > 0) or shrinks the frame after its MAC header, then writes
 * the len bytes of front at its start; 0 or -1.
 */
static __always_inline int floor_push(struct __sk_buff *skb, __s32 delta, __u64 flags,
				      const void *front, const __u32 len)
{
	void *data;

	if (bpf_skb_adjust_room(skb, delta, BPF_ADJ_ROOM_MAC, flags))
		return -1;
	data = (void *)(long)skb->data;
	if (data + len > (void *)(long)skb->data_end)
		return -1;
	__builtin_memcpy(data, front, len);
	return 0;
}

#endif /* XOVN_BENCH_FLOOR_MOVE_H */
