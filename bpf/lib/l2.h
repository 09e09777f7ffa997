/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* l2.h - the L2 lookup: destination MAC to logical port (xovn_fdb_v2). */
#ifndef XOVN_BPF_L2_H
#define XOVN_BPF_L2_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "maps.h"

/*
 * The port whose addresses hold mac on switch dp_key, with a copy of its
 * xovn_ports value; NULL when none does.
 */
static __always_inline const struct xovn_fdb_val *xovn_fdb_lookup(__u32 dp_key, const __u8 *mac)
{
	struct xovn_fdb_key key = { .dp_key = dp_key };

	__builtin_memcpy(key.mac, mac, sizeof(key.mac));
	return xovn_lookup(&xovn_fdb_v2, &key);
}

#endif /* XOVN_BPF_L2_H */
