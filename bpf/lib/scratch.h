/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * scratch.h - a per-CPU slot that the steps of one program run share
 * instead of their stacks (BPF's 512 bytes).  A program runs to its end on
 * one CPU without another program on that CPU, so a slot never holds two
 * frames at once.  Never pinned, never read by userspace.
 *
 *   XOVN_SCRATCH(NAME, T) defines map NAME of one T and NAME_get() -> T *.
 */
#ifndef XOVN_BPF_SCRATCH_H
#define XOVN_BPF_SCRATCH_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define XOVN_SCRATCH(NAME, T)						\
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
		return bpf_map_lookup_elem(&NAME, &zero);		\
	}

#endif /* XOVN_BPF_SCRATCH_H */
