// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_mapset_router.c - router entries in a mapset: each belongs to its
 * router's datapath (the LPM route keys after their prefix length, the
 * others by their first field), so a part of the set taken by datapath
 * holds exactly one router's or one switch's entries.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "dataplane/mapset.h"
#include "xovn_maps.h"

static void add_route(struct xovn_mapset *s, uint32_t map, uint32_t rtr, uint8_t first_byte,
		      unsigned plen)
{
	struct xovn_route_key k = { .prefixlen = XOVN_ROUTE_FIXED_BITS + plen, .rtr_key = rtr,
				    .family = XOVN_AF_IPV4 };
	struct xovn_route_val v = { .plen = (uint8_t)plen, .n_paths = 1 };

	k.ip[0] = first_byte;
	v.paths[0].lrp_key = 1;
	cr_assert_eq(xovn_mapset_add(s, map, &k, sizeof(k), &v, sizeof(v)), 0);
}

static void add_lsp(struct xovn_mapset *s, uint32_t ls, uint32_t rtr)
{
	struct xovn_port_key k = { .dp_key = ls, .port_key = 9 };
	struct xovn_lsp_router_val v = { .rtr_key = rtr, .lrp_key = 1 };

	cr_assert_eq(xovn_mapset_add(s, XOVN_MAP_LSP_ROUTER, &k, sizeof(k), &v, sizeof(v)), 0);
}

static void add_rport(struct xovn_mapset *s, uint32_t rtr)
{
	struct xovn_rport_key k = { .rtr_key = rtr, .lrp_key = 1 };
	struct xovn_rport_val v = { .ls_dp_key = 1, .ls_port_key = 9 };

	cr_assert_eq(xovn_mapset_add(s, XOVN_MAP_RPORTS, &k, sizeof(k), &v, sizeof(v)), 0);
}

static size_t count_map(const struct xovn_mapset *s, uint32_t map)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->v[i].map == map;
	return n;
}

/* Their names are checked with every map's in test_mapset.c. */
Test(mapset_router, router_maps_come_in_write_order)
{
	/* What lets frames into a router is written after what the router reads. */
	cr_assert_lt(XOVN_MAP_RPORTS, XOVN_MAP_ROUTES);
	cr_assert_lt(XOVN_MAP_NEIGH, XOVN_MAP_LSP_ROUTER);
	cr_assert_lt(XOVN_MAP_LSP_ROUTER, XOVN_MAP_FDB);
}

Test(mapset_router, route_entries_belong_to_their_router)
{
	struct xovn_mapset s;

	xovn_mapset_init(&s);
	add_route(&s, XOVN_MAP_ROUTES, 100, 10, 24);
	add_route(&s, XOVN_MAP_SRC_ROUTES, 200, 10, 25);
	add_rport(&s, 100);
	cr_assert_eq(xovn_map_entry_dp(&s.v[0]), 100);
	cr_assert_eq(xovn_map_entry_dp(&s.v[1]), 200);
	cr_assert_eq(xovn_map_entry_dp(&s.v[2]), 100);
	xovn_mapset_free(&s);
}

Test(mapset_router, a_part_takes_one_routers_routes_of_every_prefix_length)
{
	struct xovn_mapset s, part;
	uint32_t r1 = 100;

	xovn_mapset_init(&s);
	xovn_mapset_init(&part);
	add_route(&s, XOVN_MAP_ROUTES, 100, 10, 24);
	add_route(&s, XOVN_MAP_ROUTES, 100, 0, 0);
	add_route(&s, XOVN_MAP_ROUTES, 200, 10, 24);
	add_route(&s, XOVN_MAP_SRC_ROUTES, 100, 10, 25);
	add_route(&s, XOVN_MAP_SRC_ROUTES, 200, 10, 25);
	add_rport(&s, 100);
	add_rport(&s, 200);
	add_lsp(&s, 1, 100);
	xovn_mapset_sort(&s);
	cr_assert_eq(xovn_mapset_part(&s, &r1, 1, &part), 0);
	cr_assert_eq(count_map(&part, XOVN_MAP_ROUTES), 2);
	cr_assert_eq(count_map(&part, XOVN_MAP_SRC_ROUTES), 1);
	cr_assert_eq(count_map(&part, XOVN_MAP_RPORTS), 1);
	cr_assert_eq(count_map(&part, XOVN_MAP_LSP_ROUTER), 0, "the LSP entry is its switch's");
	for (size_t i = 0; i < part.n; i++)
		cr_assert_eq(xovn_map_entry_dp(&part.v[i]), 100);
	xovn_mapset_free(&part);
	xovn_mapset_free(&s);
}
