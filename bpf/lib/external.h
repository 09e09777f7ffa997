/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * external.h - frames from the physical network sent by an external port.
 *
 * Every chassis on a physical network sees such a frame; only the chassis
 * holding the external port (XOVN_PF_HELD, the highest-priority live member
 * of its HA chassis group) acts on it, so it is handled exactly once.
 */
#ifndef XOVN_BPF_EXTERNAL_H
#define XOVN_BPF_EXTERNAL_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include "maps.h"

/* Whether src is the MAC of an external port of dp_key (*is_ext), and held here. */
static __always_inline int xovn_external_src_held(__u32 dp_key, const __u8 *src, int *is_ext)
{
	struct xovn_fdb_key fk = { .dp_key = dp_key };
	struct xovn_port_key pk = { .dp_key = dp_key };
	struct xovn_port_val *pv;
	struct xovn_fdb_val *fv;

	*is_ext = 0;
	__builtin_memcpy(fk.mac, src, ETH_ALEN);
	fv = bpf_map_lookup_elem(&xovn_fdb_v2, &fk);
	if (!fv)
		return 0;
	pk.port_key = fv->port_key;
	pv = bpf_map_lookup_elem(&xovn_ports, &pk);
	if (!pv || pv->port_type != XOVN_PT_EXTERNAL)
		return 0;
	*is_ext = 1;
	return (pv->flags & XOVN_PF_HELD) != 0;
}

/* The same question for the frame in skb (its tag already removed). */
static __always_inline int xovn_external_frame_held(struct __sk_buff *skb, __u32 dp_key)
{
	__u8 src[ETH_ALEN];
	int is_ext;

	if (bpf_skb_load_bytes(skb, ETH_ALEN, src, sizeof(src)) < 0)
		return 0;
	return xovn_external_src_held(dp_key, src, &is_ext);
}

#endif /* XOVN_BPF_EXTERNAL_H */
