/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * pkt.h - reading header bytes the same way from a TC or an XDP program.
 *
 * Parsers that both hooks run (geneve_rx.h) take a struct xovn_pkt instead
 * of their context, so one copy of the code serves both.  Bytes are read
 * straight from the linear head when they are there: a bounds check
 * instead of a helper call.  Beyond it, an skb may hold paged data, which
 * bpf_skb_load_bytes reads; an XDP frame has nothing beyond data_end (the
 * object never asks for multi-buffer XDP), so there a read past it fails.
 */
#ifndef XOVN_BPF_PKT_H
#define XOVN_BPF_PKT_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/*
 * The verifier accepts a variable packet offset only when offset plus
 * length stays below 64 KiB for sure: headers sit far below 32 KiB.
 */
#define XOVN_PKT_COPY_MAX_OFF 0x8000

struct xovn_pkt {
	void *ctx;     /* struct __sk_buff * or struct xdp_md * */
	void *data;
	void *end;     /* end of the linear head */
	__u32 len;     /* the whole packet, paged data included */
	__u8 is_xdp;
};

static __always_inline struct xovn_pkt xovn_pkt_of_skb(struct __sk_buff *skb)
{
	struct xovn_pkt p = {
		.ctx = skb,
		.data = (void *)(long)skb->data,
		.end = (void *)(long)skb->data_end,
		.len = skb->len,
		.is_xdp = 0,
	};

	return p;
}

static __always_inline struct xovn_pkt xovn_pkt_of_xdp(struct xdp_md *xdp)
{
	struct xovn_pkt p = {
		.ctx = xdp,
		.data = (void *)(long)xdp->data,
		.end = (void *)(long)xdp->data_end,
		.is_xdp = 1,
	};

	p.len = (__u32)(p.end - p.data);
	return p;
}

/*
 * The compiler copies from a pointer of unknown alignment one byte at a
 * time: a load and a store per byte.  Packet reads need no alignment on
 * the hosts that run the datapath (the verifier checks packet alignment
 * only where the architecture requires it), so the source is declared
 * aligned and the copy takes words as wide as the destination's alignment
 * allows (stack accesses must stay aligned, and do).
 */
#define XOVN_PKT_ASSUMED_ALIGN 8

/* Copies len bytes at off to the stack; 0 or -1.  len must be a constant. */
static __always_inline int xovn_pkt_read(const struct xovn_pkt *p, __u32 off, void *to,
					 const __u32 len)
{
	if (off < XOVN_PKT_COPY_MAX_OFF && p->data + off + len <= p->end) {
		__builtin_memcpy(to, __builtin_assume_aligned(p->data + off,
							      XOVN_PKT_ASSUMED_ALIGN), len);
		return 0;
	}
	if (p->is_xdp)
		return -1;
	return bpf_skb_load_bytes(p->ctx, off, to, len) < 0 ? -1 : 0;
}

#endif /* XOVN_BPF_PKT_H */
