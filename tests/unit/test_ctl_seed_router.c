/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_seed_router.c - the L3 gateway part of seed 002 (two routers,
 * a join switch, a gateway router made with "create Logical_Router ...
 * options:chassis=master", static routes, the gateway router's snat made
 * with "create nat ... -- add logical_router"), its ovn-nbctl lines run through
 * xovnctl one command per invocation with only the program name changed.
 * Checks the model they build, show and lr-route-list as ovn-nbctl prints
 * them for the same lines (row order aside: xovn keeps the model's), and
 * that the compiler, which does not route yet, compiles the model exactly
 * as if the routers were not there.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "compile/compile.h"
#include "dataplane/mapset.h"
#include "compile_fixture.h"
#include "ctl_harness.h"

TestSuite(ctl_seed_router, .init = ctl_fixture_init, .fini = ctl_fixture_fini);

/* The seed's lines, as written there (after "ovn-nbctl "). */
static const char *const seed_lines[] = {
	"ls-add ls1",
	"ls-add ls2",
	"lr-add lr1",
	"lrp-add lr1 lr1-ls1 00:00:00:00:00:01 10.10.10.1/24",
	"lsp-add ls1 ls1-lr1",
	"lsp-set-type ls1-lr1 router",
	"lsp-set-addresses ls1-lr1 00:00:00:00:00:01",
	"lsp-set-options ls1-lr1 router-port=lr1-ls1",
	"lrp-add lr1 lr1-ls2 00:00:00:00:00:02 10.10.20.1/24",
	"lsp-add ls2 ls2-lr1",
	"lsp-set-type ls2-lr1 router",
	"lsp-set-addresses ls2-lr1 00:00:00:00:00:02",
	"lsp-set-options ls2-lr1 router-port=lr1-ls2",
	"lsp-add ls1 ls1-vm1",
	"lsp-set-addresses ls1-vm1 \"00:00:00:00:00:03 10.10.10.2\"",
	"lsp-set-port-security ls1-vm1 \"00:00:00:00:00:03 10.10.10.2\"",
	"lsp-add ls1 ls1-vm2",
	"lsp-set-addresses ls1-vm2 \"00:00:00:00:00:04 10.10.10.3\"",
	"lsp-set-port-security ls1-vm2 \"00:00:00:00:00:04 10.10.10.3\"",
	"lsp-add ls2 ls2-vm1",
	"lsp-set-addresses ls2-vm1 \"00:00:00:00:00:03 10.10.20.2\"",
	"lsp-set-port-security ls2-vm1 \"00:00:00:00:00:03 10.10.20.2\"",
	"lsp-add ls2 ls2-vm2",
	"lsp-set-addresses ls2-vm2 \"00:00:00:00:00:04 10.10.20.3\"",
	"lsp-set-port-security ls2-vm2 \"00:00:00:00:00:04 10.10.20.3\"",
	"create Logical_Router name=lr2 options:chassis=master",
	"lrp-add lr2 lr2-lsjoin 00:00:00:00:00:06 10.10.30.2/24",
	"lrp-add lr2 lr2-lslocal 00:00:00:00:00:07 10.10.40.1/24",
	"ls-add lsjoin",
	"lsp-add lsjoin lsjoin-lr2",
	"lsp-set-type lsjoin-lr2 router",
	"lsp-set-addresses lsjoin-lr2 00:00:00:00:00:06",
	"lsp-set-options lsjoin-lr2 router-port=lr2-lsjoin",
	"lrp-add lr1 lr1-lsjoin 00:00:00:00:00:05 10.10.30.1/24",
	"lsp-add lsjoin lsjoin-lr1",
	"lsp-set-type lsjoin-lr1 router",
	"lsp-set-addresses lsjoin-lr1 00:00:00:00:00:05",
	"lsp-set-options lsjoin-lr1 router-port=lr1-lsjoin",
	"lr-route-add lr2 \"10.10.10.0/24\" 10.10.30.1",
	"lr-route-add lr1 \"0.0.0.0/0\" 10.10.30.2",
	"ls-add lslocal",
	"lsp-add lslocal lslocal-lr2",
	"lsp-set-type lslocal-lr2 router",
	"lsp-set-addresses lslocal-lr2 00:00:00:00:00:07",
	"lsp-set-options lslocal-lr2 router-port=lr2-lslocal",
	"lsp-add lslocal lslocal-localnet",
	"lsp-set-addresses lslocal-localnet unknown",
	"lsp-set-type lslocal-localnet localnet",
	"lsp-set-options lslocal-localnet network_name=externalnet",
	"-- --id=@nat create nat type=\"snat\" logical_ip=10.10.10.0/24 "
	"external_ip=10.10.40.1 -- add logical_router lr2 nat @nat",
};

#define MAX_WORDS 16

/* Splits a line into words as the shell would for these lines: "..." groups. */
static int split(const char *line, char *buf, size_t len, const char **argv)
{
	int n = 0;
	char *o = buf;

	snprintf(buf, len, "%s", line);
	for (const char *p = line; *p && n < MAX_WORDS;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		argv[n++] = o;
		while (*p && *p != ' ') {
			if (*p == '"') {
				for (p++; *p && *p != '"'; p++)
					*o++ = *p;
				p += *p == '"';
			} else {
				*o++ = *p++;
			}
		}
		*o++ = '\0';
	}
	argv[n] = NULL;
	return n;
}

/* Each line on its own, as the seed runs them; the LSP-first warnings are fine. */
static void run_seed(void)
{
	const char *argv[MAX_WORDS + 1];
	struct ctl_result r;
	char buf[256];

	for (size_t i = 0; i < sizeof(seed_lines) / sizeof(seed_lines[0]); i++) {
		split(seed_lines[i], buf, sizeof(buf), argv);
		ctl_runv(&r, ctl_db, argv);
		cr_assert_eq(r.status, 0, "%s: exit %d: %s", seed_lines[i], r.status, r.err);
		ctl_result_free(&r);
	}
}

static const char *str_at(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static void expect_port(json_t *m, const char *name, const char *mac, const char *network)
{
	json_t *p = ctl_json_router_port(m, name);

	cr_assert_str_eq(str_at(p, "mac"), mac, "%s", name);
	cr_assert_eq(json_array_size(json_object_get(p, "networks")), 1, "%s", name);
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(p, "networks"), 0)),
			 network, "%s", name);
}

static void expect_route(json_t *lr, const char *prefix, const char *nexthop)
{
	json_t *routes = json_object_get(lr, "static_routes");

	cr_assert_eq(json_array_size(routes), 1);
	cr_assert_str_eq(str_at(json_array_get(routes, 0), "ip_prefix"), prefix);
	cr_assert_str_eq(str_at(json_array_get(routes, 0), "nexthop"), nexthop);
}

Test(ctl_seed_router, builds_the_routers)
{
	static const struct { const char *name; long key; } datapaths[] = {
		{ "ls1", 1 }, { "ls2", 2 }, { "lr1", 3 }, { "lr2", 4 }, { "lsjoin", 5 },
		{ "lslocal", 6 },
	};
	json_t *m, *lr1, *lr2;

	run_seed();
	m = ctl_load();
	lr1 = ctl_json_router(m, "lr1");
	lr2 = ctl_json_router(m, "lr2");
	for (size_t i = 0; i < sizeof(datapaths) / sizeof(datapaths[0]); i++) {
		json_t *dp = datapaths[i].name[1] == 'r' ? ctl_json_router(m, datapaths[i].name) :
							   ctl_json_switch(m, datapaths[i].name);

		cr_assert_eq(ctl_json_int(dp, "tunnel_key"), datapaths[i].key, "%s",
			     datapaths[i].name);
	}
	cr_assert_eq(json_array_size(json_object_get(lr1, "ports")), 3);
	expect_port(m, "lr1-ls1", "00:00:00:00:00:01", "10.10.10.1/24");
	expect_port(m, "lr1-ls2", "00:00:00:00:00:02", "10.10.20.1/24");
	expect_port(m, "lr1-lsjoin", "00:00:00:00:00:05", "10.10.30.1/24");
	cr_assert_eq(json_array_size(json_object_get(lr2, "ports")), 2);
	expect_port(m, "lr2-lsjoin", "00:00:00:00:00:06", "10.10.30.2/24");
	expect_port(m, "lr2-lslocal", "00:00:00:00:00:07", "10.10.40.1/24");
	cr_assert_str_eq(str_at(json_object_get(lr2, "options"), "chassis"), "master");
	expect_route(lr1, "0.0.0.0/0", "10.10.30.2");
	expect_route(lr2, "10.10.10.0/24", "10.10.30.1");
	cr_assert_str_eq(str_at(ctl_json_port(m, "lsjoin-lr2"), "type"), "router");
	cr_assert_str_eq(str_at(json_object_get(ctl_json_port(m, "lsjoin-lr2"), "options"),
				"router-port"), "lr2-lsjoin");
	json_decref(m);
	CTL_OUT("IPv4 Routes\nRoute Table <main>:\n"
		"                0.0.0.0/0                10.10.30.2 dst-ip\n",
		"lr-route-list", "lr1");
	CTL_OUT("IPv4 Routes\nRoute Table <main>:\n"
		"            10.10.10.0/24                10.10.30.1 dst-ip\n",
		"lr-route-list", "lr2");
	CTL_OUT("TYPE             GATEWAY_PORT          EXTERNAL_IP        EXTERNAL_PORT    "
		"LOGICAL_IP          EXTERNAL_MAC         LOGICAL_PORT\n"
		"snat                                   10.10.40.1                          "
		"10.10.10.0/24\n",
		"lr-nat-list", "lr2");
	CTL_OUT("", "lr-nat-list", "lr1");
}

/* show's router part, as ovn-nbctl prints it for the same lines. */
Test(ctl_seed_router, show_lists_the_routers)
{
	struct ctl_result r;
	char want[768];
	json_t *m, *nat;

	run_seed();
	m = ctl_load();
	nat = json_array_get(json_object_get(ctl_json_router(m, "lr2"), "nat"), 0);
	cr_assert_not_null(nat, "lr2 has the seed's snat");
	snprintf(want, sizeof(want),
		 "router %s (lr1)\n"
		 "    port lr1-ls1\n"
		 "        mac: \"00:00:00:00:00:01\"\n"
		 "        networks: [\"10.10.10.1/24\"]\n"
		 "    port lr1-ls2\n"
		 "        mac: \"00:00:00:00:00:02\"\n"
		 "        networks: [\"10.10.20.1/24\"]\n"
		 "    port lr1-lsjoin\n"
		 "        mac: \"00:00:00:00:00:05\"\n"
		 "        networks: [\"10.10.30.1/24\"]\n"
		 "router %s (lr2)\n"
		 "    port lr2-lsjoin\n"
		 "        mac: \"00:00:00:00:00:06\"\n"
		 "        networks: [\"10.10.30.2/24\"]\n"
		 "    port lr2-lslocal\n"
		 "        mac: \"00:00:00:00:00:07\"\n"
		 "        networks: [\"10.10.40.1/24\"]\n"
		 "    nat %s\n"
		 "        external ip: \"10.10.40.1\"\n"
		 "        logical ip: \"10.10.10.0/24\"\n"
		 "        type: \"snat\"\n",
		 str_at(ctl_json_router(m, "lr1"), "_uuid"), str_at(ctl_json_router(m, "lr2"), "_uuid"),
		 str_at(nat, "_uuid"));
	json_decref(m);
	ctl_runv(&r, ctl_db, CTL_ARGV("show"));
	cr_assert_eq(r.status, 0);
	cr_assert_not_null(strstr(r.out, want), "show:\n%s\nlacks:\n%s", r.out, want);
	cr_assert_not_null(strstr(r.out, "    port lsjoin-lr1\n"
					 "        type: router\n"
					 "        addresses: [\"00:00:00:00:00:05\"]\n"
					 "        router-port: lr1-lsjoin\n"), "%s", r.out);
	/* the routers come after the last switch */
	cr_assert_gt(strstr(r.out, "router "), strstr(r.out, "(lslocal)"));
	ctl_result_free(&r);
}

/*
 * The seed's routers add their own entries and the switch side's ARP
 * answers for the router ports' addresses, and remove nothing: 5 switch
 * ports of type router, 5 router ports, 7 + 5 routes (own address,
 * network, one static route per port / router), neighbours from the VMs'
 * and the peer router ports' addresses (the localnet's "unknown" gives
 * none), one ARP answer per router port, and the gateway router's snat
 * rule, since its chassis is the one compiled; the switch ports of type
 * router (xovn_ports and their fdb copies) now say that their routers run here.
 */
Test(ctl_seed_router, compile_adds_the_routers)
{
	struct xovn_mapset with, without, upserts, deletes;
	json_t *m, *bare;
	char err[256];

	run_seed();
	CTL_OK("chassis-add", "master", "geneve", "192.0.2.1",
	       "--", "chassis-set-bridge-mappings", "master", "externalnet:br-ens8",
	       "--", "vif-attach", "master", "vm1", "ls1-vm1",
	       "--", "vif-attach", "master", "vm2", "ls1-vm2",
	       "--", "chassis-add", "node1", "geneve", "192.0.2.2",
	       "--", "vif-attach", "node1", "vm1", "ls2-vm1",
	       "--", "vif-attach", "node1", "vm2", "ls2-vm2");
	m = ctl_load();
	bare = json_deep_copy(m);
	json_object_del(bare, "logical_routers");
	xovn_mapset_init(&with);
	xovn_mapset_init(&without);
	xovn_mapset_init(&upserts);
	xovn_mapset_init(&deletes);
	cr_assert_eq(compile_doc(m, "master", hashed_iface, NULL, &with, err, sizeof(err)), 0,
		     "%s", err);
	cr_assert_eq(compile_doc(bare, "master", hashed_iface, NULL, &without, err,
				 sizeof(err)), 0, "%s", err);
	cr_assert_gt(with.n, 10, "the switches compile to entries");
	cr_assert_eq(xovn_mapset_diff(&without, &with, &upserts, &deletes), 0);
	cr_assert_eq(deletes.n, 0, "routers removed %zu entries", deletes.n);
	cr_assert_eq(count_map(&upserts, XOVN_MAP_LSP_ROUTER), 5);
	cr_assert_eq(count_map(&upserts, XOVN_MAP_RPORTS), 5);
	cr_assert_eq(count_map(&upserts, XOVN_MAP_ROUTES), 12);
	cr_assert_eq(count_map(&upserts, XOVN_MAP_SRC_ROUTES), 0);
	cr_assert_eq(count_map(&upserts, XOVN_MAP_NEIGH), 6);
	cr_assert_eq(count_map(&upserts, XOVN_MAP_ARP_RESP), 5);
	cr_assert_eq(count_map(&upserts, XOVN_MAP_PORTS), 5);
	cr_assert_eq(count_map(&upserts, XOVN_MAP_FDB), 5);
	cr_assert_eq(count_map(&upserts, XOVN_MAP_NAT_SNAT), 1);
	cr_assert_eq(upserts.n, 44, "routers added %zu entries", upserts.n);
	xovn_mapset_free(&with);
	xovn_mapset_free(&without);
	xovn_mapset_free(&upserts);
	xovn_mapset_free(&deletes);
	json_decref(m);
	json_decref(bare);
}
