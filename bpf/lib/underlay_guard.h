/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * underlay_guard.h - the XDP guard of the underlay interface.
 *
 * It decides only drop or pass, before the driver builds an skb: Geneve for
 * this chassis that the TC decapsulation (pipeline_underlay.h) would drop is
 * dropped here with the same reason; everything else, valid Geneve
 * included, passes unchanged to xovn_underlay_ingress, which decapsulates
 * and switches it.  Both run the same checks (geneve_rx.h), so they cannot
 * disagree.  Nothing is rewritten here, so the guard needs no skb helper
 * and works in native (driver) XDP mode.
 */
#ifndef XOVN_BPF_UNDERLAY_GUARD_H
#define XOVN_BPF_UNDERLAY_GUARD_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bfd.h"
#include "drop.h"
#include "geneve_rx.h"
#include "pkt.h"
#include "tunnel.h"

/* 0 when TC would accept the Geneve packet at gnv_off, else the reason it would drop it. */
static __always_inline int xovn_underlay_guard_verdict(const struct xovn_pkt *p, __u32 gnv_off)
{
	struct xovn_geneve_rx rx = { .gnv_off = gnv_off };
	const struct xovn_port_val *target;
	int reason = xovn_geneve_rx_validate(p, &rx);

	if (reason)
		return reason;
	return xovn_geneve_rx_lookup(&rx, &target);
}

static __always_inline int xovn_underlay_guard(struct xdp_md *ctx)
{
	const struct xovn_config *cfg = xovn_config_get();
	struct xovn_pkt pkt = xovn_pkt_of_xdp(ctx);
	int off = xovn_geneve_classify(&pkt, cfg ? cfg->encap_ip : 0);
	int reason;

	if (off == XOVN_NOT_GENEVE || xovn_geneve_is_bfd(&pkt, off))
		return XDP_PASS;
	reason = xovn_underlay_guard_verdict(&pkt, off);
	if (!reason)
		return XDP_PASS;
	xovn_count_drop_len(reason, pkt.len);
	return XDP_DROP;
}

#endif /* XOVN_BPF_UNDERLAY_GUARD_H */
