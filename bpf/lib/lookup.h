/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * lookup.h - map lookups whose values the compiler knows to be aligned.
 *
 * The kernel hands out map values 8-byte aligned, but a pointer returned
 * by a helper carries no alignment the compiler can see: it copies keys
 * and fields out of such a value one byte at a time (a load and a store
 * per byte, and the shifts to reassemble words).  Told the alignment, it
 * copies in words.  No instruction is emitted for the hint; NULL is
 * aligned too.
 */
#ifndef XOVN_BPF_LOOKUP_H
#define XOVN_BPF_LOOKUP_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define xovn_lookup(map, key) __builtin_assume_aligned(bpf_map_lookup_elem(map, key), 8)

#endif /* XOVN_BPF_LOOKUP_H */
