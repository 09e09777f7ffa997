// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_compile_gateway.c - where routers run, chassis by chassis: a
 * gateway router (options:chassis) on its chassis and remote elsewhere, a
 * distributed gateway port active on its best live gateway chassis
 * (gateway_chassis or an HA chassis group), the route paths that leave by
 * it, and who answers ARP for it from the physical network.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "compile_fixture.h"
#include "dataplane/gw_announce.h"
#include "model/incomplete.h"

#define RTR_LSP(name, key, lrp) \
	"{'name':'" name "','tunnel_key':" #key ",'type':'router','addresses':['router']," \
	"'options':{'router-port':'" lrp "'}}"
#define CHASSIS(name, ip, rest) \
	"{'name':'" name "','encap':{'type':'geneve','ip':'" ip "'}," \
	"'bridge_mappings':{'ext':'br-ext'}" rest "}"

/*
 * ls1 (1): rp (9) -> lr-ls1.  join (2): j1 (1) -> lr-join, j2 (2) -> gw-join.
 * ext (3): re (9) -> lr-ext (the gateway port; %s: its gateway_chassis and
 * ha_chassis_group members), ln (1, localnet "ext" -> br-ext everywhere).  lr (100, distributed): 0.0.0.0/0 out lr-ext.
 * gw (200, options:chassis %s).  Chassis hv1, hv2 (%s: its state), hv3.
 */
static const char *model_fmt =
	"{'version':1,'logical_switches':["
	" {'name':'ls1','tunnel_key':1,'ports':[" RTR_LSP("rp", 9, "lr-ls1") "]},"
	" {'name':'join','tunnel_key':2,'ports':["
	RTR_LSP("j1", 1, "lr-join") "," RTR_LSP("j2", 2, "gw-join") "]},"
	" {'name':'ext','tunnel_key':3,'ports':[" RTR_LSP("re", 9, "lr-ext") ","
	"  {'name':'ln','tunnel_key':1,'type':'localnet','addresses':['unknown'],"
	"   'options':{'network_name':'ext'}}]}],"
	" 'logical_routers':["
	"  {'name':'lr','tunnel_key':100,'ports':["
	"   {'name':'lr-ls1','tunnel_key':1,'mac':'00:00:00:00:ff:01','networks':['10.0.1.1/24']},"
	"   {'name':'lr-join','tunnel_key':2,'mac':'00:00:00:00:ff:02','networks':['100.64.0.1/24']},"
	"   {'name':'lr-ext','tunnel_key':3,'mac':'00:00:00:00:ff:03','networks':['172.16.0.1/24','2001:db8:16::1/64']%s}],"
	"   'static_routes':[{'ip_prefix':'0.0.0.0/0','nexthop':'172.16.0.254'}]},"
	"  {'name':'gw','tunnel_key':200,'options':{'chassis':'%s'},'ports':["
	"   {'name':'gw-join','tunnel_key':1,'mac':'00:00:00:00:ff:04','networks':['100.64.0.2/24']}]}],"
	" 'ha_chassis_groups':[{'name':'g1','members':["
	"  {'chassis':'hv1','priority':5},{'chassis':'hv3','priority':1}]}],"
	" 'chassis':[" CHASSIS("hv1", "192.168.50.1", "") ","
	CHASSIS("hv2", "192.168.50.2", "%s") "," CHASSIS("hv3", "192.168.50.3", "") "]}";

static const struct fake_iface host[] = { { "br-ext", 77, 1500, 0 }, { NULL, 0, 0, 0 } };

#define DGP_HV1_HV2 ",'gateway_chassis':[" \
	"{'name':'lr-ext-hv1','chassis_name':'hv1','priority':10}," \
	"{'name':'lr-ext-hv2','chassis_name':'hv2','priority':20}]"
#define HV2_DOWN ",'state':'down'"

static void compile_variant(const char *dgp, const char *gw_chassis, const char *hv2_extra,
			    const char *chassis, struct xovn_mapset *out)
{
	char text[4096];
	json_t *m;

	snprintf(text, sizeof(text), model_fmt, dgp, gw_chassis, hv2_extra);
	m = model_from(text);
	compile_ok(m, chassis, host, out);
	json_decref(m);
}

/* Where the gateway router's join port j2 is, seen from each chassis. */
struct gw_router_case {
	const char *what;
	const char *gw_chassis;
	const char *compiled_on;
	uint8_t flags;          /* of j2 in xovn_ports (and its fdb copy) */
	const char *remote_ip;  /* with XOVN_PF_REMOTE */
	int runs_here;          /* gw's tables and LSP entry are compiled */
};

static const struct gw_router_case gw_router_cases[] = {
	{ "on its chassis", "hv2", "hv2", XOVN_PF_ROUTER_HERE | XOVN_PF_ROUTER_EDGE, NULL, 1 },
	{ "elsewhere", "hv2", "hv1", XOVN_PF_REMOTE, "192.168.50.2", 0 },
	{ "on a chassis the model lacks", "hv9", "hv1", 0, NULL, 0 },
};

Test(compile_gateway, a_gateway_router_runs_on_its_chassis_only)
{
	for (size_t i = 0; i < sizeof(gw_router_cases) / sizeof(gw_router_cases[0]); i++) {
		const struct gw_router_case *c = &gw_router_cases[i];
		const struct xovn_port_val *pv;
		const struct xovn_fdb_val *fv;
		struct xovn_mapset s;

		compile_variant("", c->gw_chassis, "", c->compiled_on, &s);
		pv = find_port(&s, 2, 2);
		fv = find_fdb(&s, 2, "00:00:00:00:ff:04");
		cr_assert_not_null(pv, "%s", c->what);
		cr_assert_not_null(fv, "%s", c->what);
		cr_expect_eq(pv->flags, c->flags, "%s: flags %#x", c->what, pv->flags);
		cr_expect_eq(fv->port.flags, pv->flags, "%s: the fdb copy differs", c->what);
		cr_expect_eq(pv->remote_ip, c->remote_ip ? ip4(c->remote_ip) : 0, "%s", c->what);
		cr_expect_eq(find_rport(&s, 200, 1) != NULL, c->runs_here, "%s: rports", c->what);
		cr_expect_eq(find_lsp_router(&s, 2, 2) != NULL, c->runs_here, "%s: lsp", c->what);
		/* The distributed router runs everywhere. */
		cr_expect_not_null(find_rport(&s, 100, 2), "%s", c->what);
		cr_expect_eq(find_port(&s, 2, 1)->flags, XOVN_PF_ROUTER_HERE, "%s", c->what);
		xovn_mapset_free(&s);
	}
}

/* The gateway port lr-ext seen from each chassis. */
struct dgp_case {
	const char *what;
	const char *dgp;
	const char *hv2_extra;
	const char *compiled_on;
	int active_here;
	const char *active_ip;  /* elsewhere: the active chassis */
};

#define DGP_GROUP ",'ha_chassis_group':'g1'"

static const struct dgp_case dgp_cases[] = {
	{ "highest priority, here", DGP_HV1_HV2, "", "hv2", 1, NULL },
	{ "highest priority, elsewhere", DGP_HV1_HV2, "", "hv1", 0, "192.168.50.2" },
	{ "not a gateway chassis at all", DGP_HV1_HV2, "", "hv3", 0, "192.168.50.2" },
	{ "hv2 down: the backup takes over", DGP_HV1_HV2, HV2_DOWN, "hv1", 1, NULL },
	{ "hv2 down, seen from hv3", DGP_HV1_HV2, HV2_DOWN, "hv3", 0, "192.168.50.1" },
	{ "an HA group overrides gateway_chassis", DGP_HV1_HV2 DGP_GROUP, "", "hv1", 1, NULL },
	{ "an HA group, elsewhere", DGP_GROUP, "", "hv3", 0, "192.168.50.1" },
};

Test(compile_gateway, a_gateway_port_is_active_on_its_best_live_chassis)
{
	for (size_t i = 0; i < sizeof(dgp_cases) / sizeof(dgp_cases[0]); i++) {
		const struct dgp_case *c = &dgp_cases[i];
		const struct xovn_gw_port_val *gw;
		const struct xovn_route_val *rt;
		const struct xovn_port_val *pv;
		struct xovn_mapset s;

		compile_variant(c->dgp, "hv2", c->hv2_extra, c->compiled_on, &s);
		gw = find_gw_port(&s, 100, 3);
		cr_assert_not_null(gw, "%s", c->what);
		cr_expect_eq(gw->flags == XOVN_GW_ACTIVE_HERE, c->active_here, "%s", c->what);
		cr_expect_eq(gw->remote_ip, c->active_ip ? ip4(c->active_ip) : 0, "%s", c->what);
		cr_expect_eq(gw->ls_dp_key, 3, "%s", c->what);
		cr_expect_eq(gw->ls_port_key, 9, "%s", c->what);
		pv = find_port(&s, 3, 9);
		cr_expect_eq(pv->flags, XOVN_PF_ROUTER_HERE |
			     (c->active_here ? XOVN_PF_ROUTER_EDGE : 0), "%s", c->what);
		rt = find_route(&s, XOVN_MAP_ROUTES, 100, "0.0.0.0", 0);
		cr_assert_not_null(rt, "%s", c->what);
		cr_expect_eq(rt->paths[0].flags, XOVN_PATH_GATEWAY, "%s", c->what);
		rt = find_route(&s, XOVN_MAP_ROUTES, 100, "100.64.0.0", 24);
		cr_expect_eq(rt->paths[0].flags, 0, "%s: a plain port", c->what);
		xovn_mapset_free(&s);
	}
}

Test(compile_gateway, with_no_live_gateway_chassis_the_port_goes_nowhere)
{
	struct xovn_mapset s;
	const struct xovn_gw_port_val *gw;

	compile_variant(",'gateway_chassis':[{'name':'x','chassis_name':'hv2','priority':1}]",
			"hv2", HV2_DOWN, "hv1", &s);
	gw = find_gw_port(&s, 100, 3);
	cr_assert_not_null(gw);
	cr_expect_eq(gw->flags, 0);
	cr_expect_eq(gw->remote_ip, 0);
	xovn_mapset_free(&s);
}

static const struct xovn_resp_val *find_arp(const struct xovn_mapset *s, uint32_t dp,
					    const char *ip)
{
	struct xovn_arp_resp_key k = { .dp_key = dp, .ip = ip4(ip) };
	const struct xovn_map_entry *e = xovn_mapset_find(s, XOVN_MAP_ARP_RESP, &k, sizeof(k));

	return e ? (const void *)e->val : NULL;
}

Test(compile_gateway, only_the_active_chassis_answers_the_physical_network)
{
	const char *chassis[] = { "hv1", "hv2", "hv3" };

	for (size_t i = 0; i < 3; i++) {
		struct xovn_mapset s;
		const struct xovn_resp_val *rv;
		int active = strcmp(chassis[i], "hv2") == 0;

		compile_variant(DGP_HV1_HV2, "hv2", "", chassis[i], &s);
		rv = find_arp(&s, 3, "172.16.0.1");
		cr_assert_not_null(rv, "%s answers its own ports", chassis[i]);
		cr_expect_eq(rv->flags, XOVN_RESP_ROUTER | (active ? XOVN_RESP_RESIDENT : 0),
			     "%s", chassis[i]);
		rv = find_arp(&s, 2, "100.64.0.2");
		cr_assert_not_null(rv, "%s", chassis[i]);
		cr_expect_eq(rv->flags, XOVN_RESP_ROUTER | (active ? XOVN_RESP_RESIDENT : 0),
			     "%s: the gateway router's address", chassis[i]);
		xovn_mapset_free(&s);
	}
}

static int ip6_is(const struct in6_addr *a, const char *text)
{
	struct in6_addr want;

	return inet_pton(AF_INET6, text, &want) == 1 && memcmp(a, &want, sizeof(want)) == 0;
}

Test(compile_gateway, taking_a_gateway_port_over_announces_it_on_the_physical_network)
{
	struct xovn_mapset backup, active, up, del;
	struct xovn_gw_announce a[4];
	uint8_t mac[6] = { 0, 0, 0, 0, 0xff, 0x03 };

	compile_variant(DGP_HV1_HV2, "hv2", "", "hv1", &backup);
	compile_variant(DGP_HV1_HV2, "hv2", HV2_DOWN, "hv1", &active);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	cr_assert_eq(xovn_mapset_diff(&backup, &active, &up, &del), 0);
	cr_assert_eq(xovn_gw_announcements(&up, &active, a, 4), 1);
	cr_expect_eq(a[0].ifindex, 77);
	cr_expect_eq(a[0].vid, 0);
	cr_expect_eq(a[0].ip4, ip4("172.16.0.1"));
	cr_expect_arr_eq(a[0].mac, mac, 6);
	cr_assert_eq(a[0].n_ip6, 2, "its network's address and its link-local one");
	cr_expect(ip6_is(&a[0].ip6[0], "2001:db8:16::1"));
	cr_expect(ip6_is(&a[0].ip6[1], "fe80::200:ff:fe00:ff03"));
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	cr_assert_eq(xovn_mapset_diff(&active, &backup, &up, &del), 0);
	cr_expect_eq(xovn_gw_announcements(&up, &backup, a, 4), 0, "giving it back announces nothing");
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
	xovn_mapset_free(&backup);
	xovn_mapset_free(&active);
}

/* xovn_model_active of a model with only the items l is the model itself. */
static int active_is_model(const struct xovn_inactive_list *l)
{
	json_t *m = model_from("{'version':1,'logical_switches':[],'chassis':[]}");
	json_t *active = xovn_model_active(m, l);
	int same = active == m;

	json_decref(active);
	json_decref(m);
	return same;
}

/* The inactive items of the fixture with gw pinned to gw_chassis. */
static void incomplete_of(const char *gw_chassis, struct xovn_inactive_list *l)
{
	char text[4096];
	json_t *m;

	snprintf(text, sizeof(text), model_fmt, "", gw_chassis, "");
	m = model_from(text);
	xovn_inactive_init(l);
	xovn_model_incomplete(m, l);
	json_decref(m);
}

Test(compile_gateway, a_gateway_router_on_a_chassis_not_defined_yet_is_listed_inactive)
{
	struct xovn_inactive_list l;

	incomplete_of("hv9", &l);
	cr_assert_eq(l.n, 1);
	cr_expect_eq(l.v[0].kind, XOVN_INACTIVE_ROUTER);
	cr_expect_str_eq(l.v[0].name, "gw");
	cr_expect_str_eq(l.v[0].owner, "hv9");
	cr_expect_str_eq(l.v[0].path, "$.logical_routers[1].options.chassis");
	cr_expect_str_eq(l.v[0].reason, "options:chassis \"hv9\" is not a chassis yet, so it runs "
			 "on no chassis");
	cr_expect_eq(l.v[0].kind == XOVN_INACTIVE_ROUTER ? active_is_model(&l) : 0, 1,
		     "the model in force keeps it (the compiler runs it nowhere)");
	xovn_inactive_free(&l);
	incomplete_of("hv2", &l);
	cr_expect_eq(l.n, 0, "the chassis defined: in force");
	xovn_inactive_free(&l);
}
