/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * scratch.h - a per-CPU slot that the steps of one program run share
 * instead of their stacks (BPF's 512 bytes).  A program runs to its end on
 * one CPU without another program on that CPU, so a slot never holds two
 * frames at once.  Never pinned, never read by userspace.
 *
 *   XOVN_SCRATCH(NAME, T) defines map NAME of one T and NAME_get() -> T *.
 *   XOVN_SCRATCH_WORDS(NAME, T) the same, its getter telling the compiler
 *   that the slot is aligned (lookup.h), so that fields are copied in
 *   words.  Not for every slot: wider copies can take more stack, and the
 *   encapsulation's call chain is at the 512-byte limit.
 */
#ifndef XOVN_BPF_SCRATCH_H
#define XOVN_BPF_SCRATCH_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "lookup.h"

#define XOVN_SCRATCH_LOOKUP(NAME, T, LOOKUP)				\
	struct {							\
		__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);		\
		__uint(max_entries, 1);					\
		__type(key, __u32);					\
		__type(value, T);					\
	} NAME SEC(".maps");						\
									\
	static __always_inline T *NAME##_get(void)			\
	{								\
		__u32 zero = 0;						\
									\
		return LOOKUP(&NAME, &zero);				\
	}

#define XOVN_SCRATCH(NAME, T) XOVN_SCRATCH_LOOKUP(NAME, T, bpf_map_lookup_elem)
#define XOVN_SCRATCH_WORDS(NAME, T) XOVN_SCRATCH_LOOKUP(NAME, T, xovn_lookup)

#endif /* XOVN_BPF_SCRATCH_H */
