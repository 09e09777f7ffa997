/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * maps.h - BTF definitions of every map the datapath reads or writes, one
 * per row of include/xovn_map_table.h (layouts in include/xovn_maps.h).
 * Pinned by name under the chassis' pin directory so that xovnd restarts
 * and xovnctl find the same maps.  Hashes and LPM tries are not
 * preallocated (an LPM trie must not be).
 */
#ifndef XOVN_BPF_MAPS_H
#define XOVN_BPF_MAPS_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "lookup.h"
#include "xovn_maps.h"
#include "xovn_map_table.h"

#define XOVN_BPF_MAP(ID, NAME, TYPE, KEY, VALUE, MAX_ENTRIES, FLAGS, DP, SLOT) \
	struct {							\
		__uint(type, BPF_MAP_TYPE_##TYPE);			\
		__uint(max_entries, MAX_ENTRIES);			\
		__type(key, KEY);					\
		__type(value, VALUE);					\
		__uint(map_flags, FLAGS);				\
		__uint(pinning, LIBBPF_PIN_BY_NAME);			\
	} NAME SEC(".maps");

XOVN_MAPS(XOVN_BPF_MAP)

#endif /* XOVN_BPF_MAPS_H */
