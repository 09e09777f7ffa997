/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* pipeline_vif.h - placeholder until the VIF pipeline lands. */
#ifndef XOVN_BPF_PIPELINE_VIF_H
#define XOVN_BPF_PIPELINE_VIF_H
#include <linux/pkt_cls.h>
#include "trace.h"

static __always_inline int xovn_vif_pipeline(struct __sk_buff *skb, int trace)
{
	struct xovn_ctx ctx = { .trace = trace };

	xovn_trace_begin(&ctx);
	return xovn_drop(skb, &ctx, XOVN_DROP_NO_PORT);
}
#endif
