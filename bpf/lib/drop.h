/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* drop.h - counting drops per reason (per-CPU, so no atomics on the fast path). */
#ifndef XOVN_BPF_DROP_H
#define XOVN_BPF_DROP_H

#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include "maps.h"

static __always_inline void xovn_count_drop(struct __sk_buff *skb, __u32 reason)
{
	struct xovn_drop_count *c = bpf_map_lookup_elem(&xovn_drops, &reason);

	if (c) {
		c->packets++;
		c->bytes += skb->len;
	}
}

#endif /* XOVN_BPF_DROP_H */
