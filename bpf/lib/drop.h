/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* drop.h - counting drops per reason (per-CPU, so no atomics on the fast path). */
#ifndef XOVN_BPF_DROP_H
#define XOVN_BPF_DROP_H

#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include "maps.h"

/* The frame's length is passed in: XDP has no skb to read it from. */
static __always_inline void xovn_count_drop_len(__u32 reason, __u64 len)
{
	struct xovn_drop_count *c = bpf_map_lookup_elem(&xovn_drops, &reason);

	if (c) {
		c->packets++;
		c->bytes += len;
	}
}

static __always_inline void xovn_count_drop(struct __sk_buff *skb, __u32 reason)
{
	xovn_count_drop_len(reason, skb->len);
}

#endif /* XOVN_BPF_DROP_H */
