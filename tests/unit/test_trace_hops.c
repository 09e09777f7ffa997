// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* test_trace_hops.c - the routers of a trace record, named and printed. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataplane/trace_hops.h"
#include "model/types.h"

static const char model_json[] =
	"{\"version\":1,\"logical_switches\":["
	" {\"name\":\"ls1\",\"tunnel_key\":1,\"ports\":[]},"
	" {\"name\":\"join\",\"tunnel_key\":3,\"ports\":[]},"
	" {\"name\":\"ls4\",\"tunnel_key\":4,\"ports\":[]}],"
	"\"logical_routers\":["
	" {\"name\":\"R1\",\"tunnel_key\":100,\"ports\":["
	"  {\"name\":\"r1-ls1\",\"tunnel_key\":1},{\"name\":\"r1-join\",\"tunnel_key\":3}]},"
	" {\"name\":\"R2\",\"tunnel_key\":200,\"ports\":["
	"  {\"name\":\"r2-join\",\"tunnel_key\":1},{\"name\":\"r2-ls4\",\"tunnel_key\":2}]}]}";

static struct xovn_trace_hop hop(uint32_t rtr, uint16_t in, uint16_t out, uint8_t plen,
				 uint8_t path, uint8_t n_paths, uint16_t flags, const char *nh,
				 uint32_t dp)
{
	struct xovn_trace_hop h = {
		.rtr_key = rtr, .in_lrp = in, .out_lrp = out, .plen = plen, .path = path,
		.n_paths = n_paths, .flags = flags, .out_dp_key = dp,
	};

	if (nh)
		cr_assert_eq(inet_pton(strchr(nh, ':') ? AF_INET6 : AF_INET, nh, h.nexthop), 1);
	return h;
}

/* Prints rec's hops, named from model_json, into a string (free() it). */
static char *printed(const struct xovn_trace *rec, json_t **hops)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	json_t *model = json_loads(model_json, 0, NULL);
	struct xovn_model *typed;

	cr_assert_not_null(f);
	cr_assert_not_null(model);
	typed = xovn_model_read(model);
	cr_assert_not_null(typed);
	*hops = xovn_trace_hops_json(typed, rec);
	xovn_model_free(typed);
	json_decref(model);
	xovn_trace_hops_print(f, *hops);
	fclose(f);
	return text;
}

Test(trace_hops, switch_router_router_switch_reads_in_order)
{
	json_t *hops, *h;
	struct xovn_trace rec = { 0 };
	char *text;

	rec.n_hops = 2;
	rec.hops[0] = hop(100, 1, 3, 24, 1, 2, 0, "100.64.0.2", 3);
	rec.hops[1] = hop(200, 1, 2, 24, 0, 1, XOVN_HOP_CONNECTED, "10.0.4.1", 4);
	text = printed(&rec, &hops);
	cr_assert_str_eq(text,
		"  router R1 (key 100): in by r1-ls1, dst-ip static route /24, ECMP path 2 of 2, "
		"next hop 100.64.0.2, out by r1-join to switch join\n"
		"  router R2 (key 200): in by r2-join, dst-ip connected route /24, "
		"next hop 10.0.4.1, out by r2-ls4 to switch ls4\n");
	cr_assert_eq(json_array_size(hops), 2);
	h = json_array_get(hops, 0);
	cr_assert_str_eq(json_string_value(json_object_get(h, "router")), "R1");
	cr_assert_str_eq(json_string_value(json_object_get(h, "nexthop")), "100.64.0.2");
	cr_assert_eq(json_integer_value(json_object_get(h, "n_paths")), 2);
	free(text);
	json_decref(hops);
}

Test(trace_hops, src_ip_ipv6_miss_local_and_no_route)
{
	json_t *hops;
	struct xovn_trace rec = { 0 };
	char *text;

	rec.n_hops = 3;
	rec.hops[0] = hop(100, 1, 3, 64, 0, 1, XOVN_HOP_SRC_ROUTE | XOVN_HOP_IPV6 |
			  XOVN_HOP_NEIGH_MISS, "fd03::2", 3);
	rec.hops[1] = hop(100, 1, 0, 0, 0, 0, XOVN_HOP_LOCAL, NULL, 0);
	rec.hops[2] = hop(7, 5, 0, 0, 0, 0, 0, NULL, 0);
	text = printed(&rec, &hops);
	cr_assert_str_eq(text,
		"  router R1 (key 100): in by r1-ls1, src-ip static route /64, next hop fd03::2, "
		"out by r1-join to switch join (next hop's MAC unknown: asked for it)\n"
		"  router R1 (key 100): in by r1-ls1, to the router's own address\n"
		"  router ? (key 7): in by ?, no route out\n");
	free(text);
	json_decref(hops);
}

Test(trace_hops, nat_is_named_on_its_router)
{
	static const struct {
		uint16_t flag;
		const char *said, *member;
	} cases[] = {
		{ XOVN_HOP_SNAT, "to switch join (source NATed)\n", "snat" },
		{ XOVN_HOP_DNAT, "to switch join (destination NATed)\n", "dnat" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct xovn_trace rec = { .n_hops = 1 };
		json_t *hops, *h;
		char *text;

		rec.hops[0] = hop(100, 1, 3, 24, 0, 1, XOVN_HOP_CONNECTED | cases[i].flag, NULL, 3);
		text = printed(&rec, &hops);
		h = json_array_get(hops, 0);
		cr_expect_not_null(strstr(text, cases[i].said), "%s: %s", cases[i].member, text);
		cr_expect(json_is_true(json_object_get(h, cases[i].member)), "%s", cases[i].member);
		cr_expect(json_is_false(json_object_get(h, i ? "snat" : "dnat")), "%s", cases[i].member);
		free(text);
		json_decref(hops);
	}
}

Test(trace_hops, no_router_crossed_gives_no_line)
{
	json_t *hops;
	struct xovn_trace rec = { 0 };
	char *text = printed(&rec, &hops);

	cr_assert_str_eq(text, "");
	cr_assert_eq(json_array_size(hops), 0);
	free(text);
	json_decref(hops);
}
