// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_ovsdb_routers.c - logical routers from OVN's databases: SB router
 * datapaths and patch / l3gateway Port_Bindings, NB static routes, into
 * the model, which must validate.
 *
 * tests/unit/ovsdb/northd_routers_{sb,nb}.json are the initial replies of
 * a "monitor" of the tables xovnd reads, from real ovsdb-servers after
 * ovn-northd 23.03 processed seed 002's router lines (ls1, ls2, lsjoin,
 * lslocal; lr1; the gateway router lr2, options:chassis=master; the two
 * static routes) and a few more ovn-nbctl commands: lr3 linked to lr1
 * directly (lrp-add ... peer=, IPv6 network), a gateway port lr1-gw
 * (lrp-set-gateway-chassis, a chassisredirect row), lslocal-lr2 with
 * addresses "router", a src-ip route with an output port, a route in
 * route table rtb1 and a discard route.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "model/model.h"
#include "ovsdb/datum.h"
#include "ovsdb/nb_routes.h"
#include "ovsdb/replica.h"
#include "ovsdb/sb_model.h"
#include "model_files.h"
#include "ovsdb_fixture.h"

#define SB_ROWS "tests/unit/ovsdb/northd_routers_sb.json"
#define NB_ROWS "tests/unit/ovsdb/northd_routers_nb.json"

static json_t *router_port(const json_t *m, const char *lr, const char *name)
{
	json_t *p = ovf_named(json_object_get(ovf_router(m, lr), "ports"), name);

	cr_assert_not_null(p, "router port %s", name);
	return p;
}

/* Each router port as northd wrote it: key, MAC, networks, and the model's peer. */
struct lrp_case {
	const char *lr, *name;
	long long key;
	const char *mac, *net0, *net1;
	const char *peer;   /* NULL: none (its link is to a switch, or to nothing) */
};

static const struct lrp_case lrp_cases[] = {
	{ "lr1", "lr1-ls1", 1, "00:00:00:00:00:01", "10.10.10.1/24", NULL, NULL },
	{ "lr1", "lr1-ls2", 2, "00:00:00:00:00:02", "10.10.20.1/24", NULL, NULL },
	{ "lr1", "lr1-lsjoin", 3, "00:00:00:00:00:05", "10.10.30.1/24", NULL, NULL },
	{ "lr1", "lr1-lr3", 4, "00:00:00:00:00:13", "10.10.50.1/24", NULL, "lr3-lr1" },
	{ "lr1", "lr1-gw", 5, "00:00:00:00:00:99", "172.16.0.1/24", NULL, NULL },
	{ "lr2", "lr2-lsjoin", 1, "00:00:00:00:00:06", "10.10.30.2/24", NULL, NULL },
	{ "lr2", "lr2-lslocal", 2, "00:00:00:00:00:07", "10.10.40.1/24", NULL, NULL },
	{ "lr3", "lr3-lr1", 1, "00:00:00:00:00:31", "10.10.50.2/24", "fd00::2/64", "lr1-lr3" },
};

Test(ovsdb_routers, router_ports_with_northd_keys_networks_and_peers)
{
	json_t *skipped = json_array(), *m = ovf_build(SB_ROWS, NB_ROWS, 1, skipped);

	for (size_t i = 0; i < sizeof(lrp_cases) / sizeof(lrp_cases[0]); i++) {
		const struct lrp_case *c = &lrp_cases[i];
		json_t *p = router_port(m, c->lr, c->name), *nets = json_object_get(p, "networks");

		cr_assert_eq(json_integer_value(json_object_get(p, "tunnel_key")), c->key, "%s", c->name);
		cr_assert_str_eq(ovf_str(p, "mac"), c->mac, "%s", c->name);
		cr_assert_eq(json_array_size(nets), c->net1 ? 2u : 1u, "%s", c->name);
		cr_assert_str_eq(json_string_value(json_array_get(nets, 0)), c->net0, "%s", c->name);
		if (c->net1)
			cr_assert_str_eq(json_string_value(json_array_get(nets, 1)), c->net1);
		if (c->peer)
			cr_assert_str_eq(ovf_str(p, "peer") ?: "(none)", c->peer, "%s", c->name);
		else
			cr_assert_null(json_object_get(p, "peer"), "%s: its peer is a switch's port",
				       c->name);
	}
	cr_assert_eq(json_array_size(json_object_get(ovf_router(m, "lr1"), "ports")), 5,
		     "the chassisredirect row is no router port");
	cr_assert(tmf_lines_have(skipped, "router port cr-lr1-gw: it has no HA_Chassis_Group"),
		  "these rows were taken without the HA_Chassis_Group table");
	json_decref(m);
	json_decref(skipped);
}

Test(ovsdb_routers, routers_keep_northd_datapath_keys_in_key_order)
{
	static const struct { const char *name; long long key; } want[] = {
		{ "lr1", 3 }, { "lr2", 4 }, { "lr3", 7 },
	};
	json_t *skipped = json_array(), *m = ovf_build(SB_ROWS, NB_ROWS, 1, skipped);
	json_t *lrs = json_object_get(m, "logical_routers");

	cr_assert_eq(json_array_size(lrs), 3);
	for (size_t i = 0; i < 3; i++) {
		json_t *lr = json_array_get(lrs, i);

		cr_assert_str_eq(ovf_str(lr, "name"), want[i].name);
		cr_assert_eq(json_integer_value(json_object_get(lr, "tunnel_key")), want[i].key);
	}
	cr_assert_str_eq(ovf_str(json_object_get(ovf_router(m, "lr2"), "options"), "chassis"), "master");
	json_decref(m);
	json_decref(skipped);
}

/* A switch's end of a link: a port of type router naming the router port. */
Test(ovsdb_routers, switch_ends_are_router_type_ports)
{
	static const struct { const char *port, *router_port, *address; } want[] = {
		{ "ls1-lr1", "lr1-ls1", "00:00:00:00:00:01" },
		{ "ls2-lr1", "lr1-ls2", "00:00:00:00:00:02" },
		{ "lsjoin-lr1", "lr1-lsjoin", "00:00:00:00:00:05" },
		{ "lsjoin-lr2", "lr2-lsjoin", "00:00:00:00:00:06" },   /* l3gateway */
		{ "lslocal-lr2", "lr2-lslocal", "router" },
	};
	json_t *skipped = json_array(), *m = ovf_build(SB_ROWS, NB_ROWS, 1, skipped);

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		json_t *p = xovn_find_port(m, want[i].port, NULL);

		cr_assert_not_null(p, "%s", want[i].port);
		cr_assert_str_eq(ovf_str(p, "type"), "router", "%s", want[i].port);
		cr_assert_str_eq(ovf_str(json_object_get(p, "options"), "router-port") ?: "(none)",
				 want[i].router_port, "%s", want[i].port);
		cr_assert_eq(json_array_size(json_object_get(p, "addresses")), 1);
		cr_assert_str_eq(json_string_value(json_array_get(json_object_get(p, "addresses"), 0)),
				 want[i].address, "%s", want[i].port);
		cr_assert_eq(json_object_size(json_object_get(p, "options")), 1,
			     "%s: only router-port", want[i].port);
	}
	cr_assert_eq(json_array_size(skipped), 1, "only cr-lr1-gw's gateway is left out");
	json_decref(m);
	json_decref(skipped);
}

/* The NB's routes, joined to their SB router by external_ids:logical-router. */
struct route_case {
	const char *lr, *prefix, *nexthop, *output_port, *policy, *route_table;
};

static const struct route_case route_cases[] = {
	{ "lr1", "0.0.0.0/0", "10.10.30.2", NULL, NULL, NULL },
	{ "lr1", "10.10.60.0/24", "10.10.50.2", "lr1-lr3", "src-ip", NULL },
	{ "lr2", "10.10.10.0/24", "10.10.30.1", NULL, NULL, NULL },
	{ "lr3", "10.99.0.0/16", "discard", NULL, NULL, NULL },
	{ "lr3", "192.168.0.0/16", "10.10.50.1", NULL, NULL, "rtb1" },
};

static json_t *route_of(const json_t *lr, const char *prefix)
{
	const json_t *rt;
	size_t i;

	json_array_foreach(json_object_get(lr, "static_routes"), i, rt)
		if (strcmp(ovf_str(rt, "ip_prefix") ?: "", prefix) == 0)
			return (json_t *)rt;
	return NULL;
}

Test(ovsdb_routers, static_routes_come_from_the_nb)
{
	json_t *skipped = json_array(), *m = ovf_build(SB_ROWS, NB_ROWS, 1, skipped);
	size_t total = 0;

	for (size_t i = 0; i < sizeof(route_cases) / sizeof(route_cases[0]); i++) {
		const struct route_case *c = &route_cases[i];
		json_t *rt = route_of(ovf_router(m, c->lr), c->prefix);

		cr_assert_not_null(rt, "%s %s", c->lr, c->prefix);
		ovf_assert_member(rt, "nexthop", c->nexthop, c->prefix);
		ovf_assert_member(rt, "output_port", c->output_port, c->prefix);
		ovf_assert_member(rt, "policy", c->policy, c->prefix);
		ovf_assert_member(rt, "route_table", c->route_table, c->prefix);
	}
	for (size_t i = 0; i < 3; i++)
		total += json_array_size(json_object_get(json_array_get(
			json_object_get(m, "logical_routers"), i), "static_routes"));
	cr_assert_eq(total, sizeof(route_cases) / sizeof(route_cases[0]));
	json_decref(m);
	json_decref(skipped);
}

Test(ovsdb_routers, without_the_nb_connected_networks_only)
{
	json_t *skipped = json_array(), *m = ovf_build(SB_ROWS, NB_ROWS, 0, skipped);
	json_t *lr;
	size_t i;

	json_array_foreach(json_object_get(m, "logical_routers"), i, lr)
		cr_assert_null(json_object_get(lr, "static_routes"), "%s", ovf_str(lr, "name"));
	cr_assert_str_eq(ovf_str(json_object_get(ovf_router(m, "lr2"), "options"), "chassis"), "master",
			 "a gateway router's chassis from its ports' l3gateway-chassis");
	cr_assert_null(json_object_get(ovf_router(m, "lr1"), "options"));
	cr_assert_eq(json_array_size(json_object_get(ovf_router(m, "lr1"), "ports")), 5);
	json_decref(m);
	json_decref(skipped);
}

/* Rows the model cannot hold are left out alone, each with its reason. */
Test(ovsdb_routers, refused_rows_are_left_out_alone)
{
	json_t *skipped = json_array(), *m, *u;
	struct ovsdb_replica sb, nb;

	ovf_replica_load(&sb, SB_ROWS);
	ovf_replica_load(&nb, NB_ROWS);
	/* A route with host bits (ovn-nbctl normalises; a raw "create" does not), a bad mac column. */
	u = json_pack("{s:{s:{s:{s:s, s:s, s:s}}}, s:{s:{s:{s:[s, [[s, s], [s, s]]]}}}}",
		      "Logical_Router_Static_Route", "00000000-0000-0000-0000-0000000000aa", "new",
		      "ip_prefix", "10.7.0.1/16", "nexthop", "10.10.30.2", "route_table", "",
		      "Logical_Router", "7a3f3588-b183-4942-8007-97a8873eabd2", "new",
		      "static_routes", "set", "uuid", "f2b878a9-498c-4e06-9b0a-4f238cc2dd4f",
		      "uuid", "00000000-0000-0000-0000-0000000000aa");
	cr_assert_gt(ovsdb_replica_apply(&nb, u), 0);
	json_decref(u);
	u = json_pack("{s:{s:{s:{s:s, s:s, s:s, s:i, s:[s, s]}}}}", "Port_Binding",
		      "00000000-0000-0000-0000-0000000000bb", "new", "logical_port", "lr3-x",
		      "type", "patch", "mac", "00:00:00:00:00:77", "tunnel_key", 9, "datapath",
		      "uuid", "669ee5f9-c53a-42e3-8c1a-7c4d78dd9069");
	cr_assert_gt(ovsdb_replica_apply(&sb, u), 0);
	json_decref(u);
	m = sb_model_build(&sb, &nb, NULL, 1, skipped);
	cr_assert_not_null(m, "the rest is a valid model");
	cr_assert(tmf_lines_have(skipped, "static route 10.7.0.1/16: refused by the validator"));
	cr_assert(tmf_lines_have(skipped, "router port lr3-x: its mac column"));
	cr_assert_not_null(route_of(ovf_router(m, "lr1"), "0.0.0.0/0"), "the other route stays");
	cr_assert_null(route_of(ovf_router(m, "lr1"), "10.7.0.1/16"));
	cr_assert_eq(json_array_size(json_object_get(ovf_router(m, "lr3"), "ports")), 1);
	json_decref(m);
	json_decref(skipped);
	ovsdb_replica_free(&sb);
	ovsdb_replica_free(&nb);
}

Test(ovsdb_routers, nb_monitor_names_the_tables_it_reads)
{
	json_t *req = nb_routes_monitor_requests();
	struct ovsdb_replica empty;

	ovsdb_replica_init(&empty);
	cr_assert_not_null(json_object_get(req, "Logical_Router"));
	cr_assert_not_null(json_object_get(req, "Logical_Router_Static_Route"));
	cr_assert_null(nb_router_routes(&empty, "7a3f3588-b183-4942-8007-97a8873eabd2"),
		       "no such router in the NB: no routes, not an empty list");
	json_decref(req);
	ovsdb_replica_free(&empty);
}
