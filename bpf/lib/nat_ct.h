/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * nat_ct.h - NAT's connections (xovn_nat_ct): one entry per direction,
 * each keyed by the tuple a packet of that direction reaches the router
 * with and holding the tuple it leaves with.
 *
 * A new connection inserts its reply direction first, without replacing
 * (BPF_NOEXIST): that entry is the claim on the external tuple, so two
 * connections never get one external port.  Then its original direction;
 * if that fails the claim is taken back, so a full table or a race leaves
 * no half connection behind.  The table is a preallocated hash, not an
 * LRU: when full, the new connection is dropped (nat-table-full) and no
 * live one is evicted; xovnd removes idle ones (lib/dataplane/nat_age.c).
 *
 * A trace run changes nothing: it looks up what an insert would find.
 */
#ifndef XOVN_BPF_NAT_CT_H
#define XOVN_BPF_NAT_CT_H

#include <linux/bpf.h>
#include <linux/errno.h>
#include <bpf/bpf_helpers.h>
#include "context.h"
#include "maps.h"
#include "nat_tuple.h"

enum {
	XOVN_CT_OK = 0,
	XOVN_CT_TAKEN,     /* the external tuple belongs to another connection */
	XOVN_CT_FULL,      /* no room */
};

/* The entry for the direction opposite to a packet that k becomes as t. */
static __always_inline void xovn_nat_ct_reverse(const struct xovn_nat_ct_key *k,
						const struct xovn_nat_ct_val *t,
						struct xovn_nat_ct_key *rk,
						struct xovn_nat_ct_val *rv)
{
	/* What comes back leaves as the original tuple reversed. */
	xovn_nat_ct_peer(k, t, rk);
	*rv = (struct xovn_nat_ct_val){ .seen_ns = t->seen_ns, .flags = XOVN_CT_REPLY,
					.src = k->dst, .dst = k->src,
					.sport = k->dport, .dport = k->sport };
	if (t->flags & XOVN_CT_REPLY_EXT_MAC) {
		rv->flags |= XOVN_CT_EXT_MAC;
		__builtin_memcpy(rv->mac, t->mac, sizeof(rv->mac));
	}
}

/* Keeps the connection alive; a FIN or RST marks it closing. */
static __always_inline void xovn_nat_ct_touch(const struct xovn_ctx *ctx,
					      struct xovn_nat_ct_val *v, __u8 tcp_flags)
{
	if (ctx->trace)
		return;
	v->seen_ns = bpf_ktime_get_ns();
	if ((tcp_flags & (XOVN_TCP_FIN | XOVN_TCP_RST)) && !(v->flags & XOVN_CT_CLOSING))
		v->flags |= XOVN_CT_CLOSING;
}

static __always_inline int xovn_nat_ct_insert_error(long rc)
{
	return rc == -EEXIST ? XOVN_CT_TAKEN : XOVN_CT_FULL;
}

/*
 * Adds the connection whose packets k become t (t->flags: XOVN_CT_EXT_MAC
 * or XOVN_CT_REPLY_EXT_MAC with t->mac, nothing else); XOVN_CT_OK, _TAKEN
 * or _FULL.
 */
static __always_inline int xovn_nat_ct_create(const struct xovn_ctx *ctx,
					      const struct xovn_nat_ct_key *k,
					      struct xovn_nat_ct_val *t)
{
	struct xovn_nat_ct_key rk;
	struct xovn_nat_ct_val rv;
	long rc;

	t->seen_ns = ctx->trace ? 0 : bpf_ktime_get_ns();
	xovn_nat_ct_reverse(k, t, &rk, &rv);
	if (ctx->trace)
		return bpf_map_lookup_elem(&xovn_nat_ct, &rk) ? XOVN_CT_TAKEN : XOVN_CT_OK;
	rc = bpf_map_update_elem(&xovn_nat_ct, &rk, &rv, BPF_NOEXIST);
	if (rc)
		return xovn_nat_ct_insert_error(rc);
	rc = bpf_map_update_elem(&xovn_nat_ct, k, t, BPF_NOEXIST);
	if (rc) {
		bpf_map_delete_elem(&xovn_nat_ct, &rk);
		return xovn_nat_ct_insert_error(rc);
	}
	return XOVN_CT_OK;
}

#endif /* XOVN_BPF_NAT_CT_H */
