/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * map_desc.h - what userspace knows of each BPF map, taken from the rows of
 * include/xovn_map_table.h: its pinned name, its shape, where an entry keeps
 * the datapath key it belongs to, and which value fields carry a port's
 * counter slot.  The mapset (mapset_part.c), the slot assignment (slots.c)
 * and the map writer work from these, not from per-map code.
 */
#ifndef XOVN_MAP_DESC_H
#define XOVN_MAP_DESC_H

#include <stddef.h>
#include <stdint.h>

#include "xovn_map_table.h"

enum xovn_field_in {
	XOVN_FIELD_NONE = 0,
	XOVN_FIELD_KEY,    /* at off in the key */
	XOVN_FIELD_VALUE,  /* at off in the value */
};

/* Where a field lives in a map entry. */
struct xovn_field {
	uint8_t in;        /* enum xovn_field_in */
	uint16_t off;
};

enum xovn_slot_kind {
	XOVN_SLOT_NONE = 0,
	XOVN_SLOT_OWN,     /* the port's own slot: given to it here */
	XOVN_SLOT_COPY,    /* copies of the slots of the ports the value leads to */
};

/*
 * The counter slots in a value: refs of them (one, or the member count,
 * a __u16 at n_off in the value, capped at max), the i-th at
 * first + i * stride; in each, the port key (__u16, in the key or at
 * first + i * stride + port_key.off in the value) and the slot (__u32).
 * The port's datapath key is the entry's (struct xovn_map_desc.dp), or the
 * __u32 at port_dp when the entry belongs to a router.
 */
struct xovn_slot_use {
	uint8_t kind;          /* enum xovn_slot_kind */
	uint8_t counted;       /* the number of refs is at n_off */
	uint16_t n_off;
	uint16_t max;
	uint16_t first;
	uint16_t stride;
	struct xovn_field port_key;
	uint16_t slot_off;     /* from the ref's start */
	struct xovn_field port_dp;  /* XOVN_FIELD_NONE: the entry's datapath key */
};

struct xovn_map_desc {
	const char *name;
	uint32_t type;         /* BPF_MAP_TYPE_* */
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	uint32_t flags;        /* map_flags */
	struct xovn_field dp;  /* the datapath key (__u32) an entry belongs to */
	struct xovn_slot_use slot;
};

/* Indexed by enum xovn_map_id. */
extern const struct xovn_map_desc xovn_map_descs[XOVN_MAP__ALL];
/* The pinned/BTF name of each map, indexed by enum xovn_map_id. */
extern const char *const xovn_map_names[XOVN_MAP__ALL];

/* The map whose entries give ports their slots (XOVN_SLOT_OWN). */
uint32_t xovn_map_slot_owner(void);

#endif /* XOVN_MAP_DESC_H */
