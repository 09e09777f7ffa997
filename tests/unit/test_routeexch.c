/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_routeexch.c - route exchange without a kernel: the routes a chassis
 * advertises (routeexch/advertise.h) for every kind of redistribution and
 * every way a router is placed (active gateway chassis and failover,
 * gateway router, distributed router reached by a VIF), the options'
 * validation, and learned routes compiled as routes of the router.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "compile_fixture.h"
#include "model/model.h"
#include "model/types.h"
#include "model_files.h"
#include "routeexch/advertise.h"
#include "routeexch/learned.h"
#include "routeexch/routeexch.h"

/*
 * lr0 between ls-in (vm1 on hv1) and ls-ext; lrp-ext a distributed gateway
 * port unless a case replaces its gateway part.  Written with ' for ".
 */
static json_t *topology(const char *router_opts, const char *in_opts, const char *ext_gateway,
			const char *hv1_state)
{
	char text[4096];

	snprintf(text, sizeof(text),
		 "{'version':1,'generation':1,"
		 " 'logical_switches':["
		 "  {'name':'ls-in','tunnel_key':1,'ports':["
		 "   {'name':'vm1','tunnel_key':1,'addresses':['02:00:00:00:0a:0a 10.0.0.10']},"
		 "   {'name':'ls-in-lr0','tunnel_key':2,'type':'router','addresses':['router'],"
		 "    'options':{'router-port':'lrp-in'}}]},"
		 "  {'name':'ls-ext','tunnel_key':2,'ports':["
		 "   {'name':'ls-ext-lr0','tunnel_key':1,'type':'router','addresses':['router'],"
		 "    'options':{'router-port':'lrp-ext'}}]}],"
		 " 'logical_routers':[{'name':'lr0','tunnel_key':3,'options':{%s},"
		 "  'ports':["
		 "   {'name':'lrp-in','tunnel_key':1,'mac':'02:00:00:00:01:01',"
		 "    'networks':['10.0.0.1/24','fd00::1/64'],'options':{%s}},"
		 "   {'name':'lrp-ext','tunnel_key':2,'mac':'02:00:00:00:01:02',"
		 "    'networks':['172.16.0.1/24'] %s}],"
		 "  'static_routes':["
		 "   {'ip_prefix':'192.168.5.0/24','nexthop':'172.16.0.9'},"
		 "   {'ip_prefix':'10.9.0.0/16','nexthop':'10.0.0.9','policy':'src-ip'}],"
		 "  'nat':[{'type':'dnat_and_snat','external_ip':'172.16.0.50',"
		 "          'logical_ip':'10.0.0.10'}]}],"
		 " 'chassis':["
		 "  {'name':'hv1','encap':{'type':'geneve','ip':'192.168.50.1'}%s,"
		 "   'vifs':[{'iface':'tap-vm1','port':'vm1'}]},"
		 "  {'name':'hv2','encap':{'type':'geneve','ip':'192.168.50.2'}}]}",
		 router_opts, in_opts, ext_gateway, hv1_state);
	return model_from(text);
}

#define DR_100 "'dynamic-routing':'true','dynamic-routing-vrf-id':'100'"
#define GW_HV1 ",'gateway_chassis':[" \
	"{'name':'lrp-ext-hv1','chassis_name':'hv1','priority':20}," \
	"{'name':'lrp-ext-hv2','chassis_name':'hv2','priority':10}]"
#define HV1_DOWN ",'state':'down'"

struct adv_case {
	const char *name;
	const char *router_opts, *in_opts, *ext_gateway, *hv1_state;
	const char *chassis;
	const char *want;        /* "TABLE:PREFIX ..." in set order; "" for none */
	size_t n_tables;
};

static const struct adv_case adv_cases[] = {
	{ "connected on one port", DR_100, "'dynamic-routing-redistribute':'connected'", GW_HV1, "",
	  "hv1", "100:10.0.0.0/24 100:fd00::/64", 1 },
	{ "connected-as-host", DR_100, "'dynamic-routing-redistribute':'connected-as-host'", GW_HV1,
	  "", "hv1", "100:10.0.0.1 100:fd00::1", 1 },
	{ "static: dst-ip routes only", DR_100 ",'dynamic-routing-redistribute':'static'", "",
	  GW_HV1, "", "hv1", "100:192.168.5.0/24", 1 },
	{ "a port's own kinds replace the router's",
	  DR_100 ",'dynamic-routing-redistribute':'static'",
	  "'dynamic-routing-redistribute':'connected'", GW_HV1, "", "hv1",
	  "100:10.0.0.0/24 100:192.168.5.0/24 100:fd00::/64", 1 },
	{ "nat: external IPs as host routes", DR_100 ",'dynamic-routing-redistribute':'nat'", "",
	  GW_HV1, "", "hv1", "100:172.16.0.50", 1 },
	{ "nothing to redistribute", DR_100, "", GW_HV1, "", "hv1", "", 1 },
	{ "dynamic routing off", "'dynamic-routing-redistribute':'connected,nat'", "", GW_HV1, "",
	  "hv1", "", 0 },
	{ "the standby gateway chassis advertises nothing", DR_100 ",'dynamic-routing-redistribute':'nat'",
	  "", GW_HV1, "", "hv2", "", 0 },
	{ "failover: hv1 down, hv2 advertises", DR_100 ",'dynamic-routing-redistribute':'nat'", "",
	  GW_HV1, HV1_DOWN, "hv2", "100:172.16.0.50", 1 },
	{ "failover: hv1 down advertises nothing", DR_100 ",'dynamic-routing-redistribute':'nat'",
	  "", GW_HV1, HV1_DOWN, "hv1", "", 0 },
	{ "the table is the tunnel key without a vrf id",
	  "'dynamic-routing':'true','dynamic-routing-redistribute':'nat'", "", GW_HV1, "", "hv1",
	  "3:172.16.0.50", 1 },
	{ "a gateway router on its chassis",
	  DR_100 ",'chassis':'hv2','dynamic-routing-redistribute':'nat'", "", "", "", "hv2",
	  "100:172.16.0.50", 1 },
	{ "a gateway router elsewhere",
	  DR_100 ",'chassis':'hv2','dynamic-routing-redistribute':'nat'", "", "", "", "hv1", "", 0 },
	{ "no gateway port: a chassis with a VIF on an attached switch",
	  DR_100 ",'dynamic-routing-redistribute':'nat'", "", "", "", "hv1", "100:172.16.0.50", 1 },
	{ "no gateway port: a chassis without one", DR_100 ",'dynamic-routing-redistribute':'nat'",
	  "", "", "", "hv2", "", 0 },
};

static void render(const struct xovn_adv_set *s, char *out, size_t len)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < s->n_routes && used < len; i++) {
		char text[XOVN_PREFIX_STRLEN];

		xovn_prefix_str(&s->routes[i].prefix, text);
		used += (size_t)snprintf(out + used, len - used, "%s%u:%s", i ? " " : "",
					 s->routes[i].table, text);
	}
}

Test(routeexch, advertised_set)
{
	for (size_t i = 0; i < sizeof(adv_cases) / sizeof(adv_cases[0]); i++) {
		const struct adv_case *c = &adv_cases[i];
		json_t *doc = topology(c->router_opts, c->in_opts, c->ext_gateway, c->hv1_state);
		struct xovn_errors errs;
		struct xovn_model *m;
		struct xovn_adv_set s;
		char got[512];

		xovn_errors_init(&errs);
		cr_assert_eq(xovn_model_validate(doc, &errs), 0, "%s: %s", c->name,
			     tmf_errors_text(&errs));
		m = xovn_model_read(doc);
		cr_assert_not_null(m);
		xovn_adv_set_init(&s);
		cr_assert_eq(xovn_advertise_compute(m, c->chassis, &s), 0, "%s", c->name);
		render(&s, got, sizeof(got));
		cr_expect_str_eq(got, c->want, "%s: advertised \"%s\"", c->name, got);
		cr_expect_eq(s.n_tables, c->n_tables, "%s: %zu tables", c->name, s.n_tables);
		xovn_adv_set_free(&s);
		xovn_model_free(m);
		xovn_errors_free(&errs);
		json_decref(doc);
	}
}

struct bad_case {
	const char *name;
	const char *router_opts, *in_opts;
	const char *path;
};

static const struct bad_case bad_cases[] = {
	{ "dynamic-routing neither true nor false", "'dynamic-routing':'yes'", "",
	  "$.logical_routers[0].options" },
	{ "a vrf id the kernel keeps for itself", "'dynamic-routing':'true','dynamic-routing-vrf-id':'254'",
	  "", "$.logical_routers[0].options" },
	{ "a vrf id that is no number", "'dynamic-routing':'true','dynamic-routing-vrf-id':'ten'", "",
	  "$.logical_routers[0].options" },
	{ "a vrf name longer than an interface name",
	  "'dynamic-routing':'true','dynamic-routing-vrf-name':'a-very-long-vrf-name'", "",
	  "$.logical_routers[0].options" },
	{ "an unknown kind on the router",
	  "'dynamic-routing':'true','dynamic-routing-redistribute':'connected,bgp'", "",
	  "$.logical_routers[0].options" },
	{ "an unknown kind on a port", DR_100, "'dynamic-routing-redistribute':'static,,nat'",
	  "$.logical_routers[0].ports[0].options.dynamic-routing-redistribute" },
	{ "a port name longer than an interface name", DR_100,
	  "'dynamic-routing-port-name':'a-very-long-port-name'",
	  "$.logical_routers[0].ports[0].options.dynamic-routing-port-name" },
};

Test(routeexch, bad_options_are_refused)
{
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		json_t *doc = topology(c->router_opts, c->in_opts, GW_HV1, "");
		struct xovn_errors errs;

		xovn_errors_init(&errs);
		xovn_model_validate(doc, &errs);
		cr_expect(tmf_has_error(&errs, c->path, "dynamic-routing"), "%s: got %s", c->name,
			  tmf_errors_text(&errs));
		xovn_errors_free(&errs);
		json_decref(doc);
	}
}

Test(routeexch, one_table_per_router)
{
	json_t *doc = model_from("{'version':1,'generation':1,'logical_routers':["
				 " {'name':'a','tunnel_key':1,'options':{" DR_100 "}},"
				 " {'name':'b','tunnel_key':2,'options':{" DR_100 "}}]}");
	struct xovn_errors errs;

	xovn_errors_init(&errs);
	xovn_model_validate(doc, &errs);
	cr_expect(tmf_has_error(&errs, "$.logical_routers[1].options", "dynamic-routing"), "got %s",
		  tmf_errors_text(&errs));
	xovn_errors_free(&errs);
	json_decref(doc);
}

static size_t compiled_routes(const struct xovn_model *m)
{
	struct xovn_mapset set;
	char err[256];
	size_t n;

	xovn_mapset_init(&set);
	cr_assert_eq(xovn_compile(m, "hv1", hashed_iface, NULL, &set, err, sizeof(err)), 0, "%s",
		     err);
	n = count_map(&set, XOVN_MAP_ROUTES);
	xovn_mapset_free(&set);
	return n;
}

/* A learned route is one more route of its router, leaving by the port its interface names. */
Test(routeexch, learned_routes_are_compiled)
{
	json_t *doc = topology(DR_100, "", GW_HV1 ",'options':{'dynamic-routing-port-name':'bgp0'}",
			       "");
	struct xovn_model *m = xovn_model_read(doc);
	struct xovn_learned_set l;
	struct xovn_ip prefix, nexthop;
	size_t before;
	const struct xovn_route *rt;

	cr_assert_not_null(m);
	before = compiled_routes(m);
	xovn_learned_init(&l);
	cr_assert_eq(xovn_parse_prefix("198.51.100.0/24", XOVN_PLEN_REQUIRED, &prefix), 0);
	cr_assert_eq(xovn_parse_prefix("172.16.0.2", XOVN_PLEN_NONE, &nexthop), 0);
	cr_assert_eq(xovn_learned_add(&l, 100, &prefix, &nexthop, "bgp0"), 0);
	cr_assert_eq(xovn_learned_add(&l, 7, &prefix, &nexthop, ""), 0);   /* no router's table */
	xovn_learned_sort(&l);
	cr_assert_eq(xovn_learned_merge(m, &l), 0);
	cr_assert_eq(m->routers[0].n_routes, 3, "one learned route joins the two static ones");
	rt = &m->routers[0].routes[2];
	cr_expect(rt->learned);
	cr_expect_str_eq(rt->ip_prefix, "198.51.100.0/24");
	cr_expect_str_eq(rt->nexthop, "172.16.0.2");
	cr_expect_str_eq(rt->output_port, "lrp-ext");
	cr_expect_eq(compiled_routes(m), before + 1);
	xovn_model_free(m);
	xovn_learned_free(&l);
	json_decref(doc);
}

/* Learned routes are never advertised back as static ones. */
Test(routeexch, learned_routes_are_not_advertised)
{
	json_t *doc = topology(DR_100 ",'dynamic-routing-redistribute':'static'", "", GW_HV1, "");
	struct xovn_model *m = xovn_model_read(doc);
	struct xovn_learned_set l;
	struct xovn_ip prefix, nexthop;
	struct xovn_adv_set s;

	cr_assert_not_null(m);
	xovn_learned_init(&l);
	xovn_parse_prefix("198.51.100.0/24", XOVN_PLEN_REQUIRED, &prefix);
	xovn_parse_prefix("172.16.0.2", XOVN_PLEN_NONE, &nexthop);
	cr_assert_eq(xovn_learned_add(&l, 100, &prefix, &nexthop, ""), 0);
	cr_assert_eq(xovn_learned_merge(m, &l), 0);
	xovn_adv_set_init(&s);
	cr_assert_eq(xovn_advertise_compute(m, "hv1", &s), 0);
	cr_expect_eq(s.n_routes, 1, "only the static route 192.168.5.0/24");
	xovn_adv_set_free(&s);
	xovn_model_free(m);
	xovn_learned_free(&l);
	json_decref(doc);
}
