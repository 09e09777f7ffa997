/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_router_db.c - the router tables through the generic database
 * commands (create, set, get, list, find, add, remove, clear, destroy) and
 * routers in show, in ovn-nbctl's formats.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "ctl_harness.h"

TestSuite(ctl_router_db, .init = ctl_fixture_init, .fini = ctl_fixture_fini);

static void uuid_of(const char *table_array, const char *name, char out[40])
{
	json_t *m = ctl_load(), *lr;
	const char *u = NULL;
	size_t i;

	json_array_foreach(json_object_get(m, table_array), i, lr)
		if (strcmp(json_string_value(json_object_get(lr, "name")), name) == 0)
			u = json_string_value(json_object_get(lr, "_uuid"));
	cr_assert_not_null(u, "%s has no row %s", table_array, name);
	snprintf(out, 40, "%s", u);
	json_decref(m);
}

/* The seed's way to make a gateway router: create with options:chassis. */
Test(ctl_router_db, create_router_with_options)
{
	struct ctl_result r;
	char uuid[40];
	json_t *m, *lr;

	ctl_runv(&r, ctl_db, CTL_ARGV("ls-add", "sw0", "--",
				      "create", "Logical_Router", "name=lr2", "options:chassis=master"));
	cr_assert_eq(r.status, 0, "%s", r.err);
	m = ctl_load();
	lr = ctl_json_router(m, "lr2");
	snprintf(uuid, sizeof(uuid), "%s\n", json_string_value(json_object_get(lr, "_uuid")));
	cr_assert_str_eq(r.out, uuid, "create prints the new row's UUID");
	cr_assert_str_eq(json_string_value(json_object_get(json_object_get(lr, "options"),
							   "chassis")), "master");
	cr_assert_eq(ctl_json_int(lr, "tunnel_key"), 2, "a key beside the switch's");
	json_decref(m);
	ctl_result_free(&r);
	CTL_OK("set", "logical_router", "lr2", "options:chassis=hv1");
	CTL_OUT("hv1\n", "get", "logical_router", "lr2", "options:chassis");
	CTL_OUT("{chassis=hv1}\n", "get", "Logical_Router", "lr2", "options");
	CTL_OK("destroy", "logical_router", "lr2");
	m = ctl_load();
	cr_assert_eq(json_array_size(json_object_get(m, "logical_routers")), 0);
	json_decref(m);
}

Test(ctl_router_db, list_and_get_columns)
{
	CTL_OK("lr-add", "lr2", "--", "lrp-add", "lr2", "p1", "00:00:00:00:00:01", "10.0.0.1/24",
	       "fe80::1/64", "peer=p9",
	       "--", "lr-route-add", "lr2", "10.2.0.0/16", "10.0.0.254", "p1");
	CTL_OUT("name                : lr2\n"
		"options             : {}\n"
		"enabled             : []\n"
		"tunnel_key          : 1\n",
		"--columns=name,options,enabled,tunnel_key", "list", "logical_router");
	CTL_OUT("name                : p1\n"
		"mac                 : \"00:00:00:00:00:01\"\n"
		"networks            : [\"10.0.0.1/24\", \"fe80::1/64\"]\n"
		"peer                : p9\n"
		"enabled             : []\n",
		"--columns=name,mac,networks,peer,enabled", "list", "logical_router_port");
	CTL_OUT("ip_prefix           : \"10.2.0.0/16\"\n"
		"nexthop             : \"10.0.0.254\"\n"
		"output_port         : p1\n"
		"policy              : []\n"
		"route_table         : \"\"\n",
		"--columns=ip_prefix,nexthop,output_port,policy,route_table", "list",
		"logical_router_static_route");
	CTL_OUT("10.2.0.0/16\n", "--bare", "--columns=ip_prefix", "find",
		"logical_router_static_route", "nexthop=10.0.0.254");
	CTL_OUT("", "--bare", "--columns=ip_prefix", "find",
		"logical_router_static_route", "nexthop=10.0.0.1");
}

Test(ctl_router_db, set_add_remove_clear_on_ports)
{
	json_t *m, *p;

	CTL_OK("lr-add", "lr2", "--", "lrp-add", "lr2", "p1", "00:00:00:00:00:01", "10.0.0.1/24",
	       "peer=p9");
	CTL_OK("set", "logical_router_port", "p1", "enabled=false");
	CTL_OUT("disabled\n", "lrp-get-enabled", "p1");
	CTL_OUT("false\n", "get", "logical_router_port", "p1", "enabled");
	CTL_OK("add", "logical_router_port", "p1", "networks", "10.5.0.1/24");
	CTL_OUT("[\"10.0.0.1/24\", \"10.5.0.1/24\"]\n", "get", "logical_router_port", "p1",
		"networks");
	CTL_OK("remove", "logical_router_port", "p1", "networks", "10.5.0.1/24");
	CTL_OK("clear", "logical_router_port", "p1", "peer");
	m = ctl_load();
	p = ctl_json_router_port(m, "p1");
	cr_assert_null(json_object_get(p, "peer"));
	cr_assert(json_is_false(json_object_get(p, "enabled")));
	cr_assert_eq(json_array_size(json_object_get(p, "networks")), 1);
	json_decref(m);
	CTL_FAIL("\"maybe\" is not a valid boolean (use \"true\" or \"false\")",
		 "set", "logical_router_port", "p1", "enabled=maybe");
	/* what the model refuses is refused whole: a port's last network, a bad MAC */
	CTL_FAIL("networks", "remove", "logical_router_port", "p1", "networks", "10.0.0.1/24");
	CTL_FAIL("mac", "set", "logical_router_port", "p1", "mac=zz");
	CTL_FAIL("tunnel_key is read-only", "set", "logical_router_port", "p1", "tunnel_key=5");
}

/* A port or route made with create joins a router through the router's column. */
Test(ctl_router_db, created_port_and_route_join_their_router)
{
	char lr[40];
	json_t *m;

	CTL_OK("lr-add", "lr2");
	uuid_of("logical_routers", "lr2", lr);
	CTL_OK("--id=@p", "create", "logical_router_port", "name=p1", "mac=\"00:00:00:00:00:01\"",
	       "networks=\"10.0.0.1/24\"", "--", "add", "logical_router", lr, "ports", "@p",
	       "--", "--id=@r", "create", "logical_router_static_route",
	       "ip_prefix=\"0.0.0.0/0\"", "nexthop=\"10.0.0.254\"",
	       "--", "add", "logical_router", "lr2", "static_routes", "@r");
	m = ctl_load();
	cr_assert_str_eq(json_string_value(json_object_get(ctl_json_router_port(m, "p1"), "mac")),
			 "00:00:00:00:00:01");
	json_decref(m);
	CTL_OUT("IPv4 Routes\nRoute Table <main>:\n"
		"                0.0.0.0/0                10.0.0.254 dst-ip\n",
		"lr-route-list", "lr2");
	CTL_FAIL("is not a Logical_Router_Port row created in this command chain",
		 "add", "logical_router", "lr2", "ports", "00000000-0000-4000-8000-000000000009");
}

/* ovn-nbctl show: switches (type, parent, tag, addresses, router-port), then routers. */
Test(ctl_router_db, show_prints_routers_after_switches)
{
	static const char layout[] =
		"switch %s (ls1)\n"
		"    port ls1-lr1\n"
		"        type: router\n"
		"        addresses: [\"00:00:00:00:00:01\"]\n"
		"        router-port: lr1-ls1\n"
		"    port rp (inactive: router-port \"lr1-x\" is not a logical router port yet)\n"
		"        type: router\n"
		"        router-port: lr1-x\n"
		"router %s (lr1)\n"
		"    port lr1-ls1\n"
		"        mac: \"00:00:00:00:00:01\"\n"
		"        networks: [\"10.10.10.1/24\"]\n"
		"    port lr1-v6\n"
		"        mac: \"00:00:00:00:00:02\"\n"
		"        networks: [\"10.1.0.1/16\", \"fd00::1/64\"]\n"
		"router %s (lr2)\n";
	char want[1024], ls1[40], lr1[40], lr2[40];

	CTL_OK("ls-add", "ls1", "--", "lr-add", "lr1", "--", "lr-add", "lr2",
	       "--", "lrp-add", "lr1", "lr1-ls1", "00:00:00:00:00:01", "10.10.10.1/24",
	       "--", "lrp-add", "lr1", "lr1-v6", "00:00:00:00:00:02", "fd00::1/64", "10.1.0.1/16",
	       "--", "lsp-add", "ls1", "ls1-lr1", "--", "lsp-set-type", "ls1-lr1", "router",
	       "--", "lsp-set-addresses", "ls1-lr1", "00:00:00:00:00:01",
	       "--", "lsp-set-options", "ls1-lr1", "router-port=lr1-ls1",
	       "--", "lsp-add", "ls1", "rp", "--", "lsp-set-type", "rp", "router",
	       "--", "lsp-set-addresses", "rp", "router",
	       "--", "lsp-set-options", "rp", "router-port=lr1-x");
	uuid_of("logical_switches", "ls1", ls1);
	uuid_of("logical_routers", "lr1", lr1);
	uuid_of("logical_routers", "lr2", lr2);
	snprintf(want, sizeof(want), layout, ls1, lr1, lr2);
	CTL_OUT(want, "show");
}

/* ipv6_ra_configs through set / get / remove, each value checked before it is written. */
Test(ctl_router_db, ipv6_ra_configs_set_get_and_refused_values)
{
	static const char *const refused[] = {
		"ipv6_ra_configs:address_mode=dhcp", "ipv6_ra_configs:mtu=576",
		"ipv6_ra_configs:max_interval=1", "ipv6_ra_configs:router_preference=TOP",
	};

	CTL_OK("lr-add", "lr2", "--", "lrp-add", "lr2", "p1", "00:00:00:00:00:01",
	       "fd01::1/64");
	CTL_OK("set", "logical_router_port", "p1", "ipv6_ra_configs:address_mode=slaac",
	       "ipv6_ra_configs:mtu=1400");
	CTL_OUT("{address_mode=slaac, mtu=\"1400\"}\n", "get", "logical_router_port", "p1",
		"ipv6_ra_configs");
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		struct ctl_result r;

		ctl_runv(&r, ctl_db, CTL_ARGV("set", "logical_router_port", "p1", refused[i]));
		cr_assert_neq(r.status, 0, "%s was accepted", refused[i]);
		cr_assert(strstr(r.err, "ipv6_ra_configs") && strstr(r.err, "ra-config"),
			  "%s: %s", refused[i], r.err);
		ctl_result_free(&r);
	}
	CTL_OUT("{address_mode=slaac, mtu=\"1400\"}\n", "get", "logical_router_port", "p1",
		"ipv6_ra_configs");
	CTL_OK("remove", "logical_router_port", "p1", "ipv6_ra_configs", "mtu");
	CTL_OUT("slaac\n", "get", "logical_router_port", "p1", "ipv6_ra_configs:address_mode");
}
