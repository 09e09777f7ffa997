// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_compile_router.c - logical routers compiled into the router maps:
 * router ports, switch ports of type router, connected / local / static /
 * ECMP / src-ip / discard routes, neighbours, and the switch side's fdb and
 * ARP/ND answers.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <string.h>

#include "compile_fixture.h"
#include "dataplane/slots.h"
#include "util/addr.h"

#define RTR_LSP(name, key, lrp) \
	"{'name':'" name "','tunnel_key':" #key ",'type':'router','addresses':['router']," \
	"'options':{'router-port':'" lrp "'}}"
#define ROUTE(prefix, nexthop, rest) "{'ip_prefix':'" prefix "','nexthop':'" nexthop "'" rest "}"

/*
 * ls1 (1): vm1 10.0.1.1 fd01::1, vm2 MAC only, vm3 10.9.9.9 (off every
 * network), rp (9) -> lr-ls1.  join (2): j1 -> lr-join, j2 -> lr2-join.
 * lr (100): lr-ls1 (1), lr-join (2), lr-out (3, no switch side).
 * lr2 (200): lr2-join (1).
 */
static const char *router_model =
	"{'version':1,'logical_switches':["
	" {'name':'ls1','tunnel_key':1,'ports':["
	"  {'name':'vm1','tunnel_key':1,'addresses':['00:00:00:00:01:01 10.0.1.1 fd01::1']},"
	"  {'name':'vm2','tunnel_key':2,'addresses':['00:00:00:00:01:02']},"
	"  {'name':'vm3','tunnel_key':3,'addresses':['00:00:00:00:01:03 10.9.9.9']},"
	"  " RTR_LSP("rp", 9, "lr-ls1") "]},"
	" {'name':'join','tunnel_key':2,'ports':["
	"  " RTR_LSP("j1", 1, "lr-join") "," RTR_LSP("j2", 2, "lr2-join") "]}],"
	" 'logical_routers':["
	"  {'name':'lr','tunnel_key':100,'ports':["
	"   {'name':'lr-ls1','tunnel_key':1,'mac':'00:00:00:00:ff:01',"
	"    'networks':['10.0.1.254/24','fd01::fe/64']},"
	"   {'name':'lr-join','tunnel_key':2,'mac':'00:00:00:00:ff:02','networks':['100.64.0.1/24']},"
	"   {'name':'lr-out','tunnel_key':3,'mac':'00:00:00:00:ff:03','networks':['10.0.3.1/24']}],"
	"   'static_routes':["
	ROUTE("10.1.0.0/16", "100.64.0.2", "") ","
	ROUTE("10.1.0.0/16", "100.64.0.3", "") ","
	ROUTE("10.2.0.0/16", "discard", "") ","
	ROUTE("10.0.1.128/25", "100.64.0.2", ",'policy':'src-ip'") ","
	ROUTE("10.5.0.0/16", "10.0.3.9", ",'output_port':'lr-out'") ","
	ROUTE("10.7.0.0/16", "100.64.0.2", ",'route_table':'rtb'") ","
	ROUTE("10.0.1.0/24", "100.64.0.2", "") "]},"
	"  {'name':'lr2','tunnel_key':200,'ports':["
	"   {'name':'lr2-join','tunnel_key':1,'mac':'00:00:00:00:ff:04',"
	"    'networks':['100.64.0.2/24']}]}],"
	" 'chassis':[{'name':'hv1','encap':{'type':'geneve','ip':'192.168.50.1'},"
	"  'vifs':[{'iface':'tap-a','port':'vm1'}]}]}";

static void mac_of(const char *text, uint8_t mac[6])
{
	cr_assert_eq(xovn_parse_mac(text, mac), 0, "bad MAC %s", text);
}

static void expect_mac(const uint8_t *got, const char *want)
{
	uint8_t mac[6];

	mac_of(want, mac);
	cr_assert_eq(memcmp(got, mac, 6), 0, "MAC is not %s", want);
}

static void expect_path(const struct xovn_route_path *p, const char *nexthop, uint16_t lrp)
{
	uint8_t ip[16] = { 0 };

	if (nexthop)
		addr_of(nexthop, ip);
	cr_assert_eq(memcmp(p->nexthop, ip, 16), 0, "next hop is not %s",
		     nexthop ? nexthop : "zero");
	cr_assert_eq(p->lrp_key, lrp);
}

static void compile_model(const char *text, struct xovn_mapset *s)
{
	json_t *m = model_from(text);

	compile_ok(m, "hv1", fake_host, s);
	json_decref(m);
}

Test(compile_router, switch_ports_lead_into_their_router)
{
	struct xovn_mapset s;
	const struct xovn_lsp_router_val *v;

	compile_model(router_model, &s);
	v = find_lsp_router(&s, 1, 9);
	cr_assert_not_null(v);
	cr_assert_eq(v->rtr_key, 100);
	cr_assert_eq(v->lrp_key, 1);
	cr_assert_eq(find_lsp_router(&s, 2, 1)->lrp_key, 2);
	cr_assert_eq(find_lsp_router(&s, 2, 2)->rtr_key, 200);
	cr_assert_eq(count_map(&s, XOVN_MAP_LSP_ROUTER), 3);
	xovn_mapset_free(&s);
}

/* The router a frame enters comes with the L2 lookup: the fdb value carries the LSP's entry. */
Test(compile_router, router_ports_fdb_entries_carry_their_router)
{
	static const struct { uint32_t dp; uint16_t port; const char *mac; } cases[] = {
		{ 1, 9, "00:00:00:00:ff:01" }, { 2, 1, "00:00:00:00:ff:02" },
		{ 2, 2, "00:00:00:00:ff:04" }, { 1, 1, "00:00:00:00:01:01" },
	};
	static const struct xovn_lsp_router_val none;
	struct xovn_mapset s;

	compile_model(router_model, &s);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct xovn_fdb_val *f = find_fdb(&s, cases[i].dp, cases[i].mac);
		const struct xovn_lsp_router_val *want = find_lsp_router(&s, cases[i].dp, cases[i].port);

		cr_assert_not_null(f, "%s", cases[i].mac);
		cr_assert_eq(f->port_key, cases[i].port, "%s", cases[i].mac);
		cr_expect_eq(memcmp(&f->router, want ? want : &none, sizeof(none)), 0,
			     "%s: router %u/%u", cases[i].mac, f->router.rtr_key, f->router.lrp_key);
	}
	cr_expect_eq(find_fdb(&s, 1, "00:00:00:00:ff:01")->router.rtr_key, 100);
	xovn_mapset_free(&s);
}

Test(compile_router, router_ports_know_their_switch_and_first_addresses)
{
	struct xovn_mapset s;
	const struct xovn_rport_val *v;
	uint8_t ip6[16];

	compile_model(router_model, &s);
	v = find_rport(&s, 100, 1);
	cr_assert_not_null(v);
	expect_mac(v->mac, "00:00:00:00:ff:01");
	cr_assert_eq(v->ls_dp_key, 1);
	cr_assert_eq(v->ls_port_key, 9);
	cr_assert_eq(v->ip4, ip4("10.0.1.254"));
	addr_of("fd01::fe", ip6);
	cr_assert_eq(memcmp(v->ip6, ip6, 16), 0);
	v = find_rport(&s, 100, 2);
	cr_assert_eq(v->ls_dp_key, 2);
	cr_assert_eq(v->ls_port_key, 1);
	memset(ip6, 0, sizeof(ip6));
	cr_assert_eq(memcmp(v->ip6, ip6, 16), 0, "no IPv6 network: all zero");
	cr_assert_null(find_rport(&s, 100, 3), "no switch port names lr-out");
	cr_assert_eq(count_map(&s, XOVN_MAP_RPORTS), 3);
	xovn_mapset_free(&s);
}

Test(compile_router, networks_give_local_and_connected_routes)
{
	struct xovn_mapset s;
	const struct xovn_route_val *r;

	compile_model(router_model, &s);
	r = find_route(&s, XOVN_MAP_ROUTES, 100, "10.0.1.254", 32);
	cr_assert_not_null(r);
	cr_assert_eq(r->flags, XOVN_RT_LOCAL);
	cr_assert_eq(r->plen, 32);
	cr_assert_eq(r->n_paths, 1);
	expect_path(&r->paths[0], NULL, 1);
	r = find_route(&s, XOVN_MAP_ROUTES, 100, "10.0.1.0", 24);
	cr_assert_eq(r->flags, XOVN_RT_CONNECTED, "a connected route beats a static one");
	cr_assert_eq(r->n_paths, 1);
	expect_path(&r->paths[0], NULL, 1);
	r = find_route(&s, XOVN_MAP_ROUTES, 100, "fd01::", 64);
	cr_assert_eq(r->flags, XOVN_RT_CONNECTED);
	cr_assert_eq(r->plen, 64);
	cr_assert_eq(find_route(&s, XOVN_MAP_ROUTES, 100, "fd01::fe", 128)->flags, XOVN_RT_LOCAL);
	r = find_route(&s, XOVN_MAP_ROUTES, 100, "fe80::200:ff:fe00:ff01", 128);
	cr_assert_not_null(r, "the IPv6 port's link-local address is the router's");
	cr_assert_eq(r->flags, XOVN_RT_LOCAL);
	expect_path(&r->paths[0], NULL, 1);
	cr_assert_null(find_route(&s, XOVN_MAP_ROUTES, 100, "fe80::200:ff:fe00:ff02", 128),
		       "an IPv4-only port has no link-local address");
	/* a port without a switch side still has its network and address */
	cr_assert_eq(find_route(&s, XOVN_MAP_ROUTES, 100, "10.0.3.0", 24)->paths[0].lrp_key, 3);
	xovn_mapset_free(&s);
}

/* Every path of every route: the out port's xovn_rports data, or ls_dp_key 0 without one. */
static void expect_paths_match_rports(const struct xovn_mapset *s, uint32_t map)
{
	size_t n_attached = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct xovn_route_key *k = (const void *)s->v[i].key;
		const struct xovn_route_val *r = (const void *)s->v[i].val;

		if (s->v[i].map != map)
			continue;
		for (uint8_t j = 0; j < r->n_paths && j < XOVN_MAX_ECMP; j++) {
			const struct xovn_route_path *p = &r->paths[j];
			const struct xovn_rport_val *rp = find_rport(s, k->rtr_key, p->lrp_key);

			if (!rp) {
				cr_assert_eq(p->ls_dp_key, 0, "out port %u has no switch side",
					     p->lrp_key);
				continue;
			}
			cr_assert_eq(memcmp(p->mac, rp->mac, 6), 0, "out port %u's MAC", p->lrp_key);
			cr_assert_eq(p->ls_dp_key, rp->ls_dp_key);
			cr_assert_eq(p->ls_port_key, rp->ls_port_key);
			n_attached++;
		}
	}
	cr_assert_gt(n_attached, 0, "some path leaves by an attached port");
}

Test(compile_router, route_paths_carry_their_out_port)
{
	struct xovn_mapset s;
	const struct xovn_route_path *p;

	compile_model(router_model, &s);
	expect_paths_match_rports(&s, XOVN_MAP_ROUTES);
	p = &find_route(&s, XOVN_MAP_ROUTES, 100, "10.0.1.0", 24)->paths[0];
	expect_mac(p->mac, "00:00:00:00:ff:01");
	cr_assert_eq(p->ls_dp_key, 1);
	cr_assert_eq(p->ls_port_key, 9);
	cr_assert_eq(find_route(&s, XOVN_MAP_ROUTES, 100, "10.0.3.0", 24)->paths[0].ls_dp_key, 0,
		     "lr-out attaches to no switch: nothing leaves by it");
	xovn_mapset_free(&s);
}

Test(compile_router, static_routes_ecmp_discard_and_src_ip)
{
	struct xovn_mapset s;
	const struct xovn_route_val *r;

	compile_model(router_model, &s);
	r = find_route(&s, XOVN_MAP_ROUTES, 100, "10.1.0.0", 16);
	cr_assert_not_null(r);
	cr_assert_eq(r->flags, 0);
	cr_assert_eq(r->n_paths, 2);
	expect_path(&r->paths[0], "100.64.0.2", 2);
	expect_path(&r->paths[1], "100.64.0.3", 2);
	r = find_route(&s, XOVN_MAP_ROUTES, 100, "10.2.0.0", 16);
	cr_assert_eq(r->flags, XOVN_RT_DISCARD);
	cr_assert_eq(r->n_paths, 0);
	r = find_route(&s, XOVN_MAP_ROUTES, 100, "10.5.0.0", 16);
	expect_path(&r->paths[0], "10.0.3.9", 3);
	cr_assert_null(find_route(&s, XOVN_MAP_ROUTES, 100, "10.7.0.0", 16),
		       "a route of another route table is not compiled");
	r = find_route(&s, XOVN_MAP_SRC_ROUTES, 100, "10.0.1.128", 25);
	cr_assert_not_null(r);
	cr_assert_eq(r->n_paths, 1);
	expect_path(&r->paths[0], "100.64.0.2", 2);
	cr_assert_eq(count_map(&s, XOVN_MAP_SRC_ROUTES), 1);
	/*
	 * lr: 4 local + 1 link-local + 4 connected + 3 static (one merged into
	 * connected); lr2: 1 + 1
	 */
	cr_assert_eq(count_map(&s, XOVN_MAP_ROUTES), 14);
	xovn_mapset_free(&s);
}

Test(compile_router, neighbours_from_static_addresses_on_the_networks)
{
	struct xovn_mapset s;

	compile_model(router_model, &s);
	expect_mac(find_neigh(&s, 100, "10.0.1.1")->mac, "00:00:00:00:01:01");
	expect_mac(find_neigh(&s, 100, "fd01::1")->mac, "00:00:00:00:01:01");
	expect_mac(find_neigh(&s, 100, "100.64.0.2")->mac, "00:00:00:00:ff:04");
	expect_mac(find_neigh(&s, 200, "100.64.0.1")->mac, "00:00:00:00:ff:02");
	cr_assert_eq(find_neigh(&s, 100, "10.0.1.1")->ls_dp_key, 1);
	cr_assert_null(find_neigh(&s, 100, "10.9.9.9"), "off the router port's networks");
	cr_assert_null(find_neigh(&s, 100, "10.0.1.254"), "the router's own address");
	cr_assert_eq(count_map(&s, XOVN_MAP_NEIGH), 4);
	xovn_mapset_free(&s);
}

Test(compile_router, switch_side_learns_and_answers_for_the_router_port)
{
	struct xovn_mapset s;
	const struct xovn_fdb_val *f;
	const struct xovn_map_entry *e;
	const struct xovn_resp_val *rv;
	struct xovn_arp_resp_key ak = { .dp_key = 1, .ip = ip4("10.0.1.254") };
	struct xovn_nd_resp_key nk = { .dp_key = 1 };

	compile_model(router_model, &s);
	f = find_fdb(&s, 1, "00:00:00:00:ff:01");
	cr_assert_not_null(f, "\"router\" is the router port's MAC");
	cr_assert_eq(f->port_key, 9);
	cr_assert_eq(f->port.port_type, XOVN_PT_ROUTER);
	cr_assert_eq(find_port(&s, 1, 9)->port_type, XOVN_PT_ROUTER);
	e = xovn_mapset_find(&s, XOVN_MAP_ARP_RESP, &ak, sizeof(ak));
	cr_assert_not_null(e);
	rv = (const void *)e->val;
	expect_mac(rv->mac, "00:00:00:00:ff:01");
	cr_assert_eq(rv->port_key, 9);
	cr_assert_eq(rv->flags, XOVN_RESP_ROUTER);
	addr_of("fd01::fe", nk.ip);
	cr_assert_not_null(xovn_mapset_find(&s, XOVN_MAP_ND_RESP, &nk, sizeof(nk)));
	xovn_mapset_free(&s);
}

/* An explicit MAC (ovn-nbctl users' way) is the fdb entry; ARP still answers the networks. */
Test(compile_router, explicit_mac_of_a_router_switch_port)
{
	char text[4096];
	const char *from = "'addresses':['router'],'options':{'router-port':'lr-ls1'}";
	const char *at = strstr(router_model, from);
	struct xovn_arp_resp_key ak = { .dp_key = 1, .ip = ip4("10.0.1.254") };
	struct xovn_mapset s;

	cr_assert_not_null(at);
	snprintf(text, sizeof(text), "%.*s'addresses':['00:00:00:00:ff:01'],%s",
		 (int)(at - router_model), router_model, at + strlen("'addresses':['router'],"));
	compile_model(text, &s);
	cr_assert_eq(find_fdb(&s, 1, "00:00:00:00:ff:01")->port_key, 9);
	cr_assert_not_null(xovn_mapset_find(&s, XOVN_MAP_ARP_RESP, &ak, sizeof(ak)));
	xovn_mapset_free(&s);
}

Test(compile_router, disabled_router_port_compiles_to_nothing)
{
	json_t *m = model_from(router_model);
	json_t *lr2 = json_array_get(json_object_get(m, "logical_routers"), 1);
	struct xovn_mapset s;

	json_object_set_new(json_array_get(json_object_get(lr2, "ports"), 0), "enabled",
			    json_false());
	compile_ok(m, "hv1", fake_host, &s);
	cr_assert_null(find_lsp_router(&s, 2, 2));
	cr_assert_null(find_rport(&s, 200, 1));
	cr_assert_null(find_neigh(&s, 100, "100.64.0.2"));
	cr_assert_null(find_route(&s, XOVN_MAP_ROUTES, 200, "100.64.0.0", 24));
	cr_assert_not_null(find_lsp_router(&s, 2, 1), "lr's side is untouched");
	xovn_mapset_free(&s);
	json_decref(m);
}

Test(compile_router, more_ecmp_members_than_a_route_holds_is_an_error)
{
	json_t *m = model_from(router_model);
	json_t *routes = json_object_get(json_array_get(json_object_get(m, "logical_routers"), 0),
					 "static_routes");
	char nh[32];
	const char *err;

	for (int i = 0; i < XOVN_MAX_ECMP; i++) {
		snprintf(nh, sizeof(nh), "100.64.0.%d", 10 + i);
		json_array_append_new(routes, json_pack("{s:s, s:s}", "ip_prefix", "10.1.0.0/16",
							"nexthop", nh));
	}
	err = compile_err(m, "hv1", fake_host);
	cr_assert_not_null(strstr(err, "10.1.0.0/16"), "%s", err);
	cr_assert_not_null(strstr(err, "ECMP holds at most 8"), "%s", err);
	json_decref(m);
}

Test(compile_router, router_without_tunnel_key_is_refused)
{
	json_t *m = model_from(router_model);

	json_object_del(json_array_get(json_object_get(m, "logical_routers"), 1), "tunnel_key");
	cr_assert_not_null(strstr(compile_err(m, "hv1", fake_host), "'lr2' has no tunnel_key"));
	json_decref(m);
}

/* A compiled neighbour's fdb copy is, byte for byte, its switch's fdb value for its MAC. */
static void expect_neigh_fdb(const struct xovn_mapset *s, uint32_t rtr, const char *ip,
			     uint32_t dp, const char *mac)
{
	const struct xovn_neigh_fdb_val *n = find_neigh(s, rtr, ip);
	const struct xovn_fdb_val *f = find_fdb(s, dp, mac);

	cr_assert_not_null(n, "no neighbour %s", ip);
	cr_assert_not_null(f, "no fdb entry for %s", mac);
	cr_assert_eq(n->ls_dp_key, dp, "neighbour %s: switch %u", ip, n->ls_dp_key);
	cr_assert_neq(n->fdb.port_key, 0, "neighbour %s carries no fdb value", ip);
	cr_assert_eq(memcmp(&n->fdb, f, sizeof(*f)), 0, "neighbour %s: fdb copy differs", ip);
}

Test(compile_router, neighbours_carry_their_switchs_fdb_value_with_its_slot)
{
	struct xovn_mapset s, none;

	compile_model(router_model, &s);
	xovn_mapset_init(&none);
	cr_assert_eq(xovn_slots_assign(&none, &s), 0);
	expect_neigh_fdb(&s, 100, "10.0.1.1", 1, "00:00:00:00:01:01");
	expect_neigh_fdb(&s, 100, "fd01::1", 1, "00:00:00:00:01:01");
	/* a peer router port: its copy leads into that router */
	expect_neigh_fdb(&s, 100, "100.64.0.2", 2, "00:00:00:00:ff:04");
	expect_neigh_fdb(&s, 200, "100.64.0.1", 2, "00:00:00:00:ff:02");
	cr_assert_eq(find_neigh(&s, 100, "100.64.0.2")->fdb.router.rtr_key, 200);
	cr_assert_neq(find_neigh(&s, 100, "10.0.1.1")->fdb.port.slot, 0);
	cr_assert_eq(find_neigh(&s, 100, "10.0.1.1")->fdb.port.slot, find_port(&s, 1, 1)->slot);
	xovn_mapset_free(&s);
}
