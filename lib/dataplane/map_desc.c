// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * map_desc.c - the rows of include/xovn_map_table.h as data (see map_desc.h).
 *
 * The table's DP and SLOT words name the fields below; each expands, with
 * the row's key and value types, to where those fields are, and is checked
 * at compile time for the width userspace reads it with.
 */
#include <stddef.h>

#include "dataplane/map_desc.h"

#define MEMBER_SIZE(T, m) sizeof(((T *)0)->m)

/* ---- DP: the datapath key ------------------------------------------------ */

#define DP_NONE(K, V)        { XOVN_FIELD_NONE, 0 }
#define DP_KEY(K, V)         { XOVN_FIELD_KEY, 0 }
#define DP_KEY_FIELD(K, V)   { XOVN_FIELD_KEY, offsetof(K, dp_key) }
#define DP_VALUE_FIELD(K, V) { XOVN_FIELD_VALUE, offsetof(V, dp_key) }
#define DP_KEY_ROUTER(K, V)  { XOVN_FIELD_KEY, offsetof(K, rtr_key) }

#define DP_CHECK_NONE(K, V)
#define DP_CHECK_KEY(K, V)         _Static_assert(sizeof(K) == 4, "a datapath key is 4 bytes");
#define DP_CHECK_KEY_FIELD(K, V)   _Static_assert(MEMBER_SIZE(K, dp_key) == 4, "dp_key width");
#define DP_CHECK_VALUE_FIELD(K, V) _Static_assert(MEMBER_SIZE(V, dp_key) == 4, "dp_key width");
#define DP_CHECK_KEY_ROUTER(K, V)  _Static_assert(MEMBER_SIZE(K, rtr_key) == 4, "rtr_key width");

/* ---- SLOT: counter slots ----------------------------------------------- */

#define SLOT_NONE(K, V) { .kind = XOVN_SLOT_NONE }
#define SLOT_OWN(K, V)							\
	{ .kind = XOVN_SLOT_OWN, .max = 1,				\
	  .port_key = { XOVN_FIELD_KEY, offsetof(K, port_key) },	\
	  .slot_off = offsetof(V, slot) }
#define SLOT_COPY(K, V)							\
	{ .kind = XOVN_SLOT_COPY, .max = 1,				\
	  .port_key = { XOVN_FIELD_VALUE, offsetof(V, port_key) },	\
	  .slot_off = offsetof(V, slot) }
#define SLOT_COPY_PORT(K, V)						\
	{ .kind = XOVN_SLOT_COPY, .max = 1,				\
	  .port_key = { XOVN_FIELD_VALUE, offsetof(V, port_key) },	\
	  .slot_off = offsetof(V, port.slot) }
#define SLOT_COPY_OUT(K, V)						\
	{ .kind = XOVN_SLOT_COPY, .max = 1,				\
	  .port_key = { XOVN_FIELD_VALUE, offsetof(V, fdb.port_key) },	\
	  .slot_off = offsetof(V, fdb.port.slot),			\
	  .port_dp = { XOVN_FIELD_VALUE, offsetof(V, ls_dp_key) } }
#define SLOT_MEMBERS(K, V)						\
	{ .kind = XOVN_SLOT_COPY, .counted = 1,				\
	  .n_off = offsetof(V, n_local),				\
	  .max = MEMBER_SIZE(V, local) / MEMBER_SIZE(V, local[0]),	\
	  .first = offsetof(V, local),					\
	  .stride = MEMBER_SIZE(V, local[0]),				\
	  .port_key = { XOVN_FIELD_VALUE,				\
			offsetof(V, local[0].port_key) - offsetof(V, local) }, \
	  .slot_off = offsetof(V, local[0].slot) - offsetof(V, local) }

#define SLOT_CHECK_NONE(K, V)
#define SLOT_CHECK_OWN(K, V)						\
	_Static_assert(MEMBER_SIZE(K, port_key) == 2, "port_key width");	\
	_Static_assert(MEMBER_SIZE(V, slot) == 4, "slot width");
#define SLOT_CHECK_COPY(K, V)						\
	_Static_assert(MEMBER_SIZE(V, port_key) == 2, "port_key width");	\
	_Static_assert(MEMBER_SIZE(V, slot) == 4, "slot width");
#define SLOT_CHECK_COPY_PORT(K, V)					\
	_Static_assert(MEMBER_SIZE(V, port_key) == 2, "port_key width");	\
	_Static_assert(MEMBER_SIZE(V, port.slot) == 4, "slot width");
#define SLOT_CHECK_COPY_OUT(K, V)					\
	_Static_assert(MEMBER_SIZE(V, ls_dp_key) == 4, "dp_key width");	\
	_Static_assert(MEMBER_SIZE(V, fdb.port_key) == 2, "port_key width");	\
	_Static_assert(MEMBER_SIZE(V, fdb.port.slot) == 4, "slot width");
#define SLOT_CHECK_MEMBERS(K, V)					\
	_Static_assert(MEMBER_SIZE(V, n_local) == 2, "member count width"); \
	_Static_assert(MEMBER_SIZE(V, local[0].port_key) == 2, "port_key width"); \
	_Static_assert(MEMBER_SIZE(V, local[0].slot) == 4, "slot width");

/* ---- the rows ------------------------------------------------------------ */

#define CHECK_ROW(ID, NAME, TYPE, KEY, VALUE, MAX_ENTRIES, FLAGS, DP, SLOT) \
	DP_CHECK_##DP(KEY, VALUE) SLOT_CHECK_##SLOT(KEY, VALUE)
XOVN_MAPS(CHECK_ROW)

#define DESC_ROW(ID, NAME, TYPE, KEY, VALUE, MAX_ENTRIES, FLAGS, DP, SLOT) \
	[XOVN_MAP_##ID] = {						\
		.name = #NAME,						\
		.type = BPF_MAP_TYPE_##TYPE,				\
		.key_size = sizeof(KEY),				\
		.value_size = sizeof(VALUE),				\
		.max_entries = MAX_ENTRIES,				\
		.flags = FLAGS,						\
		.dp = DP_##DP(KEY, VALUE),				\
		.slot = SLOT_##SLOT(KEY, VALUE),			\
	},

const struct xovn_map_desc xovn_map_descs[XOVN_MAP__ALL] = { XOVN_MAPS(DESC_ROW) };

#define NAME_ROW(ID, NAME, ...) [XOVN_MAP_##ID] = #NAME,

const char *const xovn_map_names[XOVN_MAP__ALL] = { XOVN_MAPS(NAME_ROW) };

uint32_t xovn_map_slot_owner(void)
{
	uint32_t m;

	for (m = 0; m < XOVN_MAP__COUNT; m++)
		if (xovn_map_descs[m].slot.kind == XOVN_SLOT_OWN)
			break;
	return m;
}
