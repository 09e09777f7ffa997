/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* pipeline_underlay.h - placeholder until Geneve decapsulation lands. */
#ifndef XOVN_BPF_PIPELINE_UNDERLAY_H
#define XOVN_BPF_PIPELINE_UNDERLAY_H
#include <linux/pkt_cls.h>
#include "trace.h"

static __always_inline int xovn_underlay_pipeline(struct __sk_buff *skb, int trace)
{
	(void)skb;
	(void)trace;
	return TC_ACT_OK;
}
#endif
