/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_compile_nat.c - which chassis compiles a router's NAT rules and
 * into which entries: a gateway router on its chassis, a router with a
 * distributed gateway port on the port's active chassis (the highest
 * priority live one), a floating IP with logical_port and external_mac on
 * its VM's chassis; dnat_and_snat before snat, port ranges, IPv6 left out;
 * ARP answers for the external IPs where the rules run (the floating IP's
 * with its external MAC, which then enters the router on its VM's chassis).
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <string.h>

#include "compile_fixture.h"
#include "util/addr.h"

/*
 * in (1): vm1 on hv1, vm2 on hv2, and the router's LSP; out (2): the
 * router's LSP.  Router R (key 7): r-in (1) 10.0.0.254/24, r-out (2)
 * 172.16.0.1/24.  %s: R's options and r-out's gateway columns, then NAT.
 */
static const char *model_fmt =
	"{'version':1,'logical_switches':["
	" {'name':'in','tunnel_key':1,'ports':["
	"  {'name':'vm1','tunnel_key':1,'addresses':['02:00:00:00:00:01 10.0.0.1']},"
	"  {'name':'vm2','tunnel_key':2,'addresses':['02:00:00:00:00:02 10.0.0.2']},"
	"  {'name':'rin','tunnel_key':9,'type':'router','addresses':['router'],"
	"   'options':{'router-port':'r-in'}}]},"
	" {'name':'out','tunnel_key':2,'ports':["
	"  {'name':'rout','tunnel_key':9,'type':'router','addresses':['router'],"
	"   'options':{'router-port':'r-out'}}]}],"
	" 'logical_routers':[{'name':'R','tunnel_key':7,%s,'ports':["
	"  {'name':'r-in','tunnel_key':1,'mac':'02:00:00:00:ff:01','networks':['10.0.0.254/24']},"
	"  {'name':'r-out','tunnel_key':2,'mac':'02:00:00:00:ff:02','networks':['172.16.0.1/24']%s}],"
	"  'nat':[%s]}],"
	" 'chassis':["
	"  {'name':'hv1','encap':{'type':'geneve','ip':'192.168.50.1'}%s,"
	"   'vifs':[{'iface':'tap1','port':'vm1'}]},"
	"  {'name':'hv2','encap':{'type':'geneve','ip':'192.168.50.2'},"
	"   'vifs':[{'iface':'tap2','port':'vm2'}]}]}";

#define GATEWAY_ROUTER "'options':{'chassis':'hv1'}", ""
#define DGP(prio1) "'options':{}", \
	",'gateway_chassis':[{'name':'r-out-hv1','chassis_name':'hv1','priority':" #prio1 "}," \
	"{'name':'r-out-hv2','chassis_name':'hv2','priority':10}]"
#define SNAT_24 "{'type':'snat','external_ip':'172.16.0.1','logical_ip':'10.0.0.0/24'}"
#define FIP_VM2 "{'type':'dnat_and_snat','external_ip':'172.16.0.50','logical_ip':'10.0.0.2'," \
	"'logical_port':'vm2','external_mac':'02:00:00:00:aa:02'}"
#define DNAT_VM1 "{'type':'dnat','external_ip':'172.16.0.60','logical_ip':'10.0.0.1'}"

static json_t *nat_model(const char *opts, const char *gw, const char *nat, const char *hv1_state)
{
	char text[4096];

	snprintf(text, sizeof(text), model_fmt, opts, gw, nat, hv1_state);
	return model_from(text);
}

static void compile_chassis(json_t *m, const char *chassis, struct xovn_mapset *s)
{
	char err[256];

	xovn_mapset_init(s);
	cr_assert_eq(compile_doc(m, chassis, hashed_iface, NULL, s, err, sizeof(err)), 0, "%s", err);
}

static uint16_t lsp_router_flags(const struct xovn_mapset *s, uint32_t dp)
{
	struct xovn_port_key k = { .dp_key = dp, .port_key = 9 };
	const struct xovn_map_entry *e = xovn_mapset_find(s, XOVN_MAP_LSP_ROUTER, &k, sizeof(k));

	/* A gateway router's tables exist only on its chassis: no entry, no flag. */
	return e ? ((const struct xovn_lsp_router_val *)e->val)->flags : 0;
}

static const struct xovn_nat_snat_val *find_snat(const struct xovn_mapset *s, const char *ip,
						 uint32_t plen)
{
	struct xovn_nat_snat_key k = { .prefixlen = XOVN_NAT_FIXED_BITS + plen, .rtr_key = 7 };
	const struct xovn_map_entry *e;

	inet_pton(AF_INET, ip, &k.ip);
	e = xovn_mapset_find(s, XOVN_MAP_NAT_SNAT, &k, sizeof(k));
	return e ? (const struct xovn_nat_snat_val *)e->val : NULL;
}

static const struct xovn_nat_dnat_val *find_dnat(const struct xovn_mapset *s, const char *ip)
{
	struct xovn_nat_ip_key k = { .rtr_key = 7 };
	const struct xovn_map_entry *e;

	inet_pton(AF_INET, ip, &k.ip);
	e = xovn_mapset_find(s, XOVN_MAP_NAT_DNAT, &k, sizeof(k));
	return e ? (const struct xovn_nat_dnat_val *)e->val : NULL;
}

/* ---- where the rules run ----------------------------------------------------------- */

struct place_case {
	const char *what;
	const char *opts, *gw;     /* router options, r-out's gateway columns */
	const char *hv1_state;     /* hv1's chassis state column (with its comma) */
	const char *chassis;
	size_t n_dnat, n_snat;
	int flagged;               /* XOVN_LR_NAT on the router's LSP entries */
	uint16_t out_lrp;          /* of the snat /24 when compiled */
};

static const struct place_case place_cases[] = {
	{ "gateway router, its chassis", GATEWAY_ROUTER, "", "hv1", 2, 2, 1, 0 },
	{ "gateway router, another chassis", GATEWAY_ROUTER, "", "hv2", 0, 0, 0, 0 },
	{ "gateway port, active chassis: all but the distributed floating IP", DGP(20), "",
	  "hv1", 1, 1, 1, 2 },
	{ "gateway port, backup chassis: the floating IP of its VM", DGP(20), "", "hv2", 1, 1, 1,
	  0 },
	{ "gateway port, the active chassis is down: the backup takes over", DGP(20),
	  ",'state':'down'", "hv2", 2, 2, 1, 2 },
	{ "gateway port, the other chassis has the higher priority", DGP(5), "", "hv1", 0, 0, 0,
	  0 },
};

Test(compile_nat, rules_compile_where_the_router_s_nat_runs)
{
	for (size_t i = 0; i < sizeof(place_cases) / sizeof(place_cases[0]); i++) {
		const struct place_case *c = &place_cases[i];
		json_t *m = nat_model(c->opts, c->gw, SNAT_24 "," FIP_VM2 "," DNAT_VM1,
				      c->hv1_state);
		const struct xovn_nat_snat_val *v;
		struct xovn_mapset s;

		compile_chassis(m, c->chassis, &s);
		cr_expect_eq(count_map(&s, XOVN_MAP_NAT_DNAT), c->n_dnat, "%s: %zu dnat entries",
			     c->what, count_map(&s, XOVN_MAP_NAT_DNAT));
		cr_expect_eq(count_map(&s, XOVN_MAP_NAT_SNAT), c->n_snat, "%s: %zu snat entries",
			     c->what, count_map(&s, XOVN_MAP_NAT_SNAT));
		cr_expect_eq(lsp_router_flags(&s, 1) & XOVN_LR_NAT, c->flagged ? XOVN_LR_NAT : 0,
			     "%s: inside LSP flags", c->what);
		cr_expect_eq(lsp_router_flags(&s, 2), lsp_router_flags(&s, 1), "%s", c->what);
		v = find_snat(&s, "10.0.0.0", 24);
		if (v)
			cr_expect_eq(v->out_lrp, c->out_lrp, "%s: out_lrp %u", c->what, v->out_lrp);
		xovn_mapset_free(&s);
		json_decref(m);
	}
}

Test(compile_nat, a_distributed_floating_ip_sends_from_its_external_mac)
{
	json_t *m = nat_model(DGP(20), FIP_VM2, "");
	const uint8_t mac[6] = { 0x02, 0, 0, 0, 0xaa, 0x02 };
	const struct xovn_nat_snat_val *v;
	const struct xovn_nat_dnat_val *d;
	struct xovn_mapset s;

	compile_chassis(m, "hv2", &s);
	v = find_snat(&s, "10.0.0.2", 32);
	d = find_dnat(&s, "172.16.0.50");
	cr_assert_not_null(v);
	cr_assert_not_null(d);
	cr_expect_eq(v->flags, XOVN_NAT_ONE_TO_ONE | XOVN_NAT_EXT_MAC);
	cr_expect_arr_eq(v->external_mac, mac, 6);
	cr_expect_eq(d->flags, XOVN_NAT_ONE_TO_ONE | XOVN_NAT_EXT_MAC);
	cr_expect_eq(d->logical_ip, inet_addr("10.0.0.2"));
	xovn_mapset_free(&s);
	json_decref(m);
}

/* ---- what the entries hold ------------------------------------------------------------ */

Test(compile_nat, dnat_and_snat_wins_over_snat_of_the_same_address)
{
	json_t *m = nat_model(GATEWAY_ROUTER,
			      "{'type':'snat','external_ip':'172.16.0.9','logical_ip':'10.0.0.2'},"
			      "{'type':'dnat_and_snat','external_ip':'172.16.0.50',"
			      "'logical_ip':'10.0.0.2','options':{'stateless':'true'}}", "");
	const struct xovn_nat_snat_val *v;
	struct xovn_mapset s;

	compile_chassis(m, "hv1", &s);
	cr_assert_eq(count_map(&s, XOVN_MAP_NAT_SNAT), 1);
	v = find_snat(&s, "10.0.0.2", 32);
	cr_assert_not_null(v);
	cr_expect_eq(v->external_ip, inet_addr("172.16.0.50"));
	cr_expect_eq(v->flags, XOVN_NAT_ONE_TO_ONE | XOVN_NAT_STATELESS);
	cr_expect_eq(find_dnat(&s, "172.16.0.50")->flags, XOVN_NAT_ONE_TO_ONE | XOVN_NAT_STATELESS);
	xovn_mapset_free(&s);
	json_decref(m);
}

struct range_case {
	const char *range;         /* NULL: none */
	uint16_t lo, hi;
};

static const struct range_case range_cases[] = {
	{ NULL, 1024, 65535 },
	{ "2000-2999", 2000, 2999 },
	{ "8080", 8080, 8080 },
};

Test(compile_nat, external_port_range_bounds_the_snat_ports)
{
	for (size_t i = 0; i < sizeof(range_cases) / sizeof(range_cases[0]); i++) {
		const struct range_case *c = &range_cases[i];
		char nat[256];
		json_t *m;
		struct xovn_mapset s;
		const struct xovn_nat_snat_val *v;

		snprintf(nat, sizeof(nat),
			 "{'type':'snat','external_ip':'172.16.0.1','logical_ip':'10.0.0.0/24'%s%s%s}",
			 c->range ? ",'external_port_range':'" : "", c->range ? c->range : "",
			 c->range ? "'" : "");
		m = nat_model(GATEWAY_ROUTER, nat, "");
		compile_chassis(m, "hv1", &s);
		v = find_snat(&s, "10.0.0.0", 24);
		cr_assert_not_null(v, "range %s", c->range ? c->range : "none");
		cr_expect(v->port_min == c->lo && v->port_max == c->hi, "range %s: %u-%u",
			  c->range ? c->range : "none", v->port_min, v->port_max);
		cr_expect_eq(v->flags, 0);
		cr_expect_eq(v->plen, 24);
		xovn_mapset_free(&s);
		json_decref(m);
	}
}

Test(compile_nat, ipv6_rules_compile_to_nothing_and_flag_nothing)
{
	json_t *m = nat_model(GATEWAY_ROUTER,
			      "{'type':'snat','external_ip':'2001:db8::1','logical_ip':'fd00::/64'}",
			      "");
	struct xovn_mapset s;

	compile_chassis(m, "hv1", &s);
	cr_expect_eq(count_map(&s, XOVN_MAP_NAT_SNAT) + count_map(&s, XOVN_MAP_NAT_DNAT), 0);
	cr_expect_eq(lsp_router_flags(&s, 1), 0);
	xovn_mapset_free(&s);
	json_decref(m);
}

/* ---- ARP for the external IPs, and a floating IP's MAC --------------------------------- */

struct arp_case {
	const char *what;
	const char *opts, *gw;
	const char *chassis, *ip;
	const char *mac;           /* the answer on switch out, NULL: none */
	int fip;                   /* the floating IP's external_mac enters the router here (xovn_fdb_v2) */
};

#define R_OUT_MAC "02:00:00:00:ff:02"
#define FIP_MAC "02:00:00:00:aa:02"

static const struct arp_case arp_cases[] = {
	{ "gateway router, its chassis: a dnat IP", GATEWAY_ROUTER, "hv1", "172.16.0.60", R_OUT_MAC, 0 },
	{ "gateway router, its chassis: a floating IP", GATEWAY_ROUTER, "hv1", "172.16.0.50", R_OUT_MAC, 0 },
	{ "gateway router, another chassis", GATEWAY_ROUTER, "hv2", "172.16.0.60", NULL, 0 },
	{ "gateway port, active chassis: a dnat IP", DGP(20), "hv1", "172.16.0.60", R_OUT_MAC, 0 },
	{ "gateway port, active chassis: not the distributed floating IP", DGP(20), "hv1",
	  "172.16.0.50", NULL, 0 },
	{ "gateway port, the VM's chassis: its floating IP", DGP(20), "hv2", "172.16.0.50",
	  FIP_MAC, 1 },
	{ "gateway port, the VM's chassis: not a centralized IP", DGP(20), "hv2", "172.16.0.60",
	  NULL, 1 },
};

static const struct xovn_resp_val *find_arp(const struct xovn_mapset *s, const char *ip)
{
	struct xovn_arp_resp_key k = { .dp_key = 2, .ip = inet_addr(ip) };
	const struct xovn_map_entry *e = xovn_mapset_find(s, XOVN_MAP_ARP_RESP, &k, sizeof(k));

	return e ? (const struct xovn_resp_val *)e->val : NULL;
}

Test(compile_nat, external_ips_are_answered_where_their_rules_run)
{
	for (size_t i = 0; i < sizeof(arp_cases) / sizeof(arp_cases[0]); i++) {
		const struct arp_case *c = &arp_cases[i];
		json_t *m = nat_model(c->opts, c->gw, SNAT_24 "," FIP_VM2 "," DNAT_VM1, "");
		const struct xovn_resp_val *a;
		const struct xovn_fdb_val *f;
		struct xovn_mapset s;
		uint8_t mac[6];

		compile_chassis(m, c->chassis, &s);
		a = find_arp(&s, c->ip);
		f = find_fdb(&s, 2, FIP_MAC);
		if (!c->mac) {
			cr_expect_null(a, "%s: answered", c->what);
		} else {
			cr_assert_not_null(a, "%s: not answered", c->what);
			xovn_parse_mac(c->mac, mac);
			cr_expect_arr_eq(a->mac, mac, 6, "%s: MAC", c->what);
			cr_expect_eq(a->port_key, 9, "%s", c->what);
			cr_expect_eq(a->flags, XOVN_RESP_ROUTER | XOVN_RESP_RESIDENT, "%s: flags %#x",
				     c->what, a->flags);
		}
		cr_expect_eq(f != NULL, c->fip, "%s: fdb entry for the external MAC", c->what);
		if (f && c->fip) {
			cr_expect(f->port_key == 9 && (f->port.flags & XOVN_PF_ROUTER_EDGE),
				  "%s: the external MAC enters the router here", c->what);
			cr_expect(f->router.rtr_key && find_lsp_router(&s, 2, 9) &&
				  !memcmp(&f->router, find_lsp_router(&s, 2, 9), sizeof(f->router)),
				  "%s: with the router LSP's router", c->what);
		}
		xovn_mapset_free(&s);
		json_decref(m);
	}
}

Test(compile_nat, a_snat_to_the_port_s_own_address_adds_no_answer)
{
	json_t *plain = nat_model(GATEWAY_ROUTER, "", ""), *m = nat_model(GATEWAY_ROUTER, SNAT_24, "");
	struct xovn_mapset s0, s;

	compile_chassis(plain, "hv1", &s0);
	compile_chassis(m, "hv1", &s);
	/* r-out's own entry (the responder's) stays the only one for 172.16.0.1. */
	cr_expect_eq(count_map(&s, XOVN_MAP_ARP_RESP), count_map(&s0, XOVN_MAP_ARP_RESP));
	cr_expect_not_null(find_arp(&s, "172.16.0.1"));
	xovn_mapset_free(&s0);
	xovn_mapset_free(&s);
	json_decref(plain);
	json_decref(m);
}
