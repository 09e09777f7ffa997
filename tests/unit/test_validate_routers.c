// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_validate_routers.c - the semantic rules of logical routers on the
 * typed model: every error of the router pass (path, rule, order) and
 * every incomplete item of a small model, one table row per rule, plus the
 * active model without an inactive route.  The syntax of addresses is the
 * schema pass's: values it refuses are not reported here a second time.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "model/incomplete.h"
#include "model/types.h"
#include "model/validate/validate.h"
#include "model_files.h"

#define MAX_FOUND 4

/* sw0 (key 1) with a VIF and a router port; ROUTERS is the case's logical_routers. */
#define MODEL(ROUTERS, SWITCH_PORT_OPTIONS)                                          \
	"{\"version\":1,\"generation\":0,\"chassis\":[],"                            \
	"\"logical_switches\":[{\"name\":\"sw0\",\"tunnel_key\":1,\"ports\":["      \
	"{\"name\":\"vm1\",\"addresses\":[\"02:00:00:00:00:01 10.0.0.5\"]},"        \
	"{\"name\":\"rp\",\"type\":\"router\",\"addresses\":[\"router\"]"          \
	SWITCH_PORT_OPTIONS "}]}],"                                                  \
	"\"logical_routers\":" ROUTERS "}"

#define PORT(NAME, MAC, NETS) \
	"{\"name\":\"" NAME "\",\"mac\":\"" MAC "\",\"networks\":[" NETS "]}"
#define PORT_KEY(NAME, KEY, NETS) \
	"{\"name\":\"" NAME "\",\"mac\":\"02:00:00:00:aa:01\",\"tunnel_key\":" KEY \
	",\"networks\":[" NETS "]}"
/* A port with networks NETS (each quoted) and ipv6_ra_configs members CONFIGS. */
#define RA_PORT(NAME, NETS, CONFIGS) \
	"{\"name\":\"" NAME "\",\"mac\":\"02:00:00:00:aa:01\",\"networks\":[" NETS "]," \
	"\"ipv6_ra_configs\":{" CONFIGS "}}"
#define RA_ALL \
	"\"address_mode\":\"dhcpv6_stateless\",\"mtu\":\"1400\",\"send_periodic\":\"true\"," \
	"\"max_interval\":\"30\",\"min_interval\":\"10\",\"router_preference\":\"LOW\"," \
	"\"rdnss\":\"2001:db8::53\",\"dnssl\":\"example.org\",\"route_info\":\"HIGH-2001:db8:9::/48\""
#define ROUTE(PREFIX, NEXTHOP) "{\"ip_prefix\":\"" PREFIX "\",\"nexthop\":\"" NEXTHOP "\"}"

/* lr0: 10.0.0.1/24 and 2001:db8::1/64 on lrp0, 192.168.1.1/24 on lrp1. */
#define LR0_PORTS \
	PORT("lrp0", "02:00:00:00:aa:01", "\"10.0.0.1/24\",\"2001:db8::1/64\"") "," \
	PORT("lrp1", "02:00:00:00:aa:02", "\"192.168.1.1/24\"")
#define LR0(EXTRA) "{\"name\":\"lr0\",\"ports\":[" LR0_PORTS "]" EXTRA "}"

struct found {
	const char *path;
	const char *what;   /* the rule of an error, the kind and name of an item */
};

struct router_case {
	const char *name;
	const char *model;
	struct found errors[MAX_FOUND];
	struct found inactive[MAX_FOUND];
};

static const struct router_case cases[] = {
	{ "complete and valid",
	  MODEL("[" LR0(",\"static_routes\":[" ROUTE("0.0.0.0/0", "192.168.1.254") ","
			ROUTE("2001:db8:1::/48", "2001:db8::fe") ","
			"{\"ip_prefix\":\"10.9.0.0/16\",\"nexthop\":\"discard\"},"
			"{\"ip_prefix\":\"10.8.0.0/16\",\"nexthop\":\"10.0.0.7\","
			"\"output_port\":\"lrp0\"}]") "]",
		",\"options\":{\"router-port\":\"lrp0\"}"),
	  { { 0 } }, { { 0 } } },
	{ "router names",
	  MODEL("[{\"name\":\"lr0\"},{\"name\":\"lr1\"},{\"name\":\"lr0\"}]", ""),
	  { { "$.logical_routers[2].name", "unique-name" } }, { { 0 } } },
	{ "router port names, across routers",
	  MODEL("[" LR0("") ",{\"name\":\"lr1\",\"ports\":["
		PORT("lrp1", "02:00:00:00:bb:01", "\"172.16.0.1/24\"") "]}]", ""),
	  { { "$.logical_routers[1].ports[0].name", "unique-name" } }, { { 0 } } },
	{ "router keys share the switches' key space",
	  MODEL("[{\"name\":\"lr0\",\"tunnel_key\":1},{\"name\":\"lr1\",\"tunnel_key\":7},"
		"{\"name\":\"lr2\",\"tunnel_key\":7}]", ""),
	  { { "$.logical_routers[0].tunnel_key", "unique-key" },
	    { "$.logical_routers[2].tunnel_key", "unique-key" } }, { { 0 } } },
	{ "port keys, per router",
	  MODEL("[{\"name\":\"lr0\",\"ports\":[" PORT_KEY("a", "1", "\"10.0.0.1/24\"") ","
		PORT_KEY("b", "1", "\"10.1.0.1/24\"") "]},"
		"{\"name\":\"lr1\",\"ports\":[" PORT_KEY("c", "1", "\"10.0.0.1/24\"") "]}]", ""),
	  { { "$.logical_routers[0].ports[1].tunnel_key", "unique-key" } }, { { 0 } } },
	{ "group MAC",
	  MODEL("[{\"name\":\"lr0\",\"ports\":[" PORT("a", "03:00:00:00:00:01",
							"\"10.0.0.1/24\"") "]}]", ""),
	  { { "$.logical_routers[0].ports[0].mac", "multicast-mac" } }, { { 0 } } },
	{ "network and broadcast addresses",
	  MODEL("[{\"name\":\"lr0\",\"ports\":[" PORT("a", "02:00:00:00:00:01",
		"\"10.0.0.0/24\",\"10.0.1.255/24\",\"10.0.2.0/31\",\"10.0.3.7/32\","
		"\"2001:db8::/64\",\"2001:db8:1::ffff:ffff:ffff:ffff/64\"") "]}]", ""),
	  { { "$.logical_routers[0].ports[0].networks[0]", "network-address" },
	    { "$.logical_routers[0].ports[0].networks[1]", "network-address" },
	    { "$.logical_routers[0].ports[0].networks[4]", "network-address" } }, { { 0 } } },
	{ "overlapping networks, reported at the later one",
	  MODEL("[{\"name\":\"lr0\",\"ports\":["
		PORT("a", "02:00:00:00:00:01", "\"10.0.0.1/24\",\"fd00::1/64\"") ","
		PORT("b", "02:00:00:00:00:02", "\"10.0.0.2/16\",\"fd00:1::1/64\"") ","
		PORT("c", "02:00:00:00:00:03", "\"fd00::2/64\"") "]},"
		"{\"name\":\"lr1\",\"ports\":[" PORT("d", "02:00:00:00:00:04",
						     "\"10.0.0.1/24\"") "]}]", ""),
	  { { "$.logical_routers[0].ports[1].networks[0]", "overlapping-network" },
	    { "$.logical_routers[0].ports[2].networks[0]", "overlapping-network" } },
	  { { 0 } } },
	{ "route prefix with host bits",
	  MODEL("[" LR0(",\"static_routes\":[" ROUTE("10.1.0.1/16", "10.0.0.9") ","
			ROUTE("10.2.0.0/16", "10.0.0.9") "]") "]", ""),
	  { { "$.logical_routers[0].static_routes[0].ip_prefix", "host-bits" } }, { { 0 } } },
	{ "route families",
	  MODEL("[" LR0(",\"static_routes\":[" ROUTE("10.1.0.0/16", "2001:db8::9") ","
			ROUTE("2001:db8:5::/48", "10.0.0.9") "]") "]", ""),
	  { { "$.logical_routers[0].static_routes[0].nexthop", "route-family" },
	    { "$.logical_routers[0].static_routes[1].nexthop", "route-family" } },
	  { { 0 } } },
	{ "output_port of another router (as lrp-del leaves it)",
	  MODEL("[" LR0(",\"static_routes\":[{\"ip_prefix\":\"10.1.0.0/16\","
			"\"nexthop\":\"10.0.0.9\",\"output_port\":\"d\"}]") ","
		"{\"name\":\"lr1\",\"ports\":[" PORT("d", "02:00:00:00:00:04",
						     "\"172.16.0.1/24\"") "]}]", ""),
	  { { 0 } }, { { "$.logical_routers[0].static_routes[0]", "route 10.0.0.9" } } },
	{ "syntax is the schema pass's",
	  MODEL("[{\"name\":\"lr0\",\"ports\":[" PORT("a", "zz", "\"10.0.0.1\",\"x/24\"") "],"
		"\"static_routes\":[" ROUTE("10.1.0.0/33", "10.0.0.1/32") ","
		"{\"ip_prefix\":7,\"nexthop\":\"nope\"}]}]", ""),
	  { { 0 } }, { { 0 } } },
	{ "switch port naming a router port not created yet",
	  MODEL("[" LR0("") "]", ",\"options\":{\"router-port\":\"lrp9\"}"),
	  { { 0 } }, { { "$.logical_switches[0].ports[1]", "port rp" } } },
	{ "switch port of type router without router-port stands for an outside router",
	  MODEL("[]", ""), { { 0 } }, { { 0 } } },
	{ "route through no network of the router",
	  MODEL("[" LR0(",\"static_routes\":[" ROUTE("10.1.0.0/16", "10.0.0.9") ","
			ROUTE("10.2.0.0/16", "172.16.0.1") ","
			ROUTE("2001:db8:5::/48", "2001:db8:9::1") "]") "]", ""),
	  { { 0 } },
	  { { "$.logical_routers[0].static_routes[1]", "route 172.16.0.1" },
	    { "$.logical_routers[0].static_routes[2]", "route 2001:db8:9::1" } } },
	{ "router advertisements: every key OVN has, on an IPv6 port",
	  MODEL("[{\"name\":\"lr0\",\"ports\":[" RA_PORT("ra0", "\"2001:db8::1/64\"",
		RA_ALL) "]}]", ""), { { 0 } }, { { 0 } } },
	{ "router advertisements on a port without IPv6: stored, sending nothing",
	  MODEL("[{\"name\":\"lr0\",\"ports\":[" RA_PORT("ra1", "\"10.0.0.1/24\"",
		"\"address_mode\":\"slaac\"") "]}]", ""), { { 0 } }, { { 0 } } },
	{ "router advertisements: bad values",
	  MODEL("[{\"name\":\"lr0\",\"ports\":["
		RA_PORT("ra2", "\"2001:db8::1/64\"", "\"address_mode\":\"dhcp\"") ","
		RA_PORT("ra3", "\"2001:db8:1::1/64\"", "\"mtu\":\"1000\"") ","
		RA_PORT("ra4", "\"2001:db8:2::1/64\"", "\"max_interval\":\"2\"") ","
		RA_PORT("ra5", "\"2001:db8:3::1/64\"",
			"\"max_interval\":\"8\",\"min_interval\":\"7\"") "]}]", ""),
	  { { "$.logical_routers[0].ports[0].ipv6_ra_configs.address_mode", "ra-config" },
	    { "$.logical_routers[0].ports[1].ipv6_ra_configs.mtu", "ra-config" },
	    { "$.logical_routers[0].ports[2].ipv6_ra_configs.max_interval", "ra-config" },
	    { "$.logical_routers[0].ports[3].ipv6_ra_configs.min_interval", "ra-config" } },
	  { { 0 } } },
	{ "router advertisements: more bad values",
	  MODEL("[{\"name\":\"lr0\",\"ports\":["
		RA_PORT("ra6", "\"2001:db8::1/64\"", "\"router_preference\":\"TOP\"") ","
		RA_PORT("ra7", "\"2001:db8:1::1/64\"", "\"rdnss\":\"10.0.0.53\"") ","
		RA_PORT("ra8", "\"2001:db8:2::1/64\"", "\"send_periodic\":\"yes\"") ","
		RA_PORT("ra10", "\"2001:db8:3::1/64\"", "\"dnssl\":\"a..b\"") "]}]", ""),
	  { { "$.logical_routers[0].ports[0].ipv6_ra_configs.router_preference", "ra-config" },
	    { "$.logical_routers[0].ports[1].ipv6_ra_configs.rdnss", "ra-config" },
	    { "$.logical_routers[0].ports[2].ipv6_ra_configs.send_periodic", "ra-config" },
	    { "$.logical_routers[0].ports[3].ipv6_ra_configs.dnssl", "ra-config" } },
	  { { 0 } } },
	{ "router advertisements: too many prefixes for one advertisement",
	  MODEL("[{\"name\":\"lr0\",\"ports\":[" RA_PORT("ra9", 
		"\"2001:db8::1/64\",\"2001:db8:1::1/64\",\"2001:db8:2::1/64\","
		"\"2001:db8:3::1/64\",\"2001:db8:4::1/64\",\"2001:db8:5::1/64\","
		"\"2001:db8:6::1/64\",\"2001:db8:7::1/64\"",
		"\"address_mode\":\"slaac\",\"mtu\":\"1400\"") "]}]", ""),
	  { { "$.logical_routers[0].ports[0].ipv6_ra_configs", "ra-too-long" } }, { { 0 } } },
};

static size_t count(const struct found *f)
{
	size_t n = 0;

	while (n < MAX_FOUND && f[n].path)
		n++;
	return n;
}

static void check_errors(const struct router_case *c, const struct xovn_model *m)
{
	struct xovn_errors errs;
	struct vnames names;

	xovn_errors_init(&errs);
	vnames_build(&names, m);
	validate_routers(&errs, m, &names);
	cr_expect_eq(errs.n, count(c->errors), "%s: %zu errors, expected %zu", c->name, errs.n,
		     count(c->errors));
	for (size_t i = 0; i < errs.n && i < count(c->errors); i++) {
		cr_expect_str_eq(errs.v[i].path, c->errors[i].path, "%s: error %zu", c->name, i);
		cr_expect_str_eq(errs.v[i].rule, c->errors[i].what, "%s: error %zu (%s)", c->name,
				 i, errs.v[i].msg);
		cr_expect(errs.v[i].msg[0], "%s: error %zu has no message", c->name, i);
	}
	vnames_free(&names);
	xovn_errors_free(&errs);
}

static void check_inactive(const struct router_case *c, const struct xovn_model *m)
{
	struct xovn_inactive_list l;
	char what[128];

	xovn_inactive_init(&l);
	cr_expect_eq(xovn_model_incomplete_typed(m, &l), count(c->inactive),
		     "%s: %zu inactive items, expected %zu", c->name, l.n, count(c->inactive));
	for (size_t i = 0; i < l.n && i < count(c->inactive); i++) {
		snprintf(what, sizeof(what), "%s %s", tmf_inactive_kind(l.v[i].kind), l.v[i].name);
		cr_expect_str_eq(l.v[i].path, c->inactive[i].path, "%s: item %zu", c->name, i);
		cr_expect_str_eq(what, c->inactive[i].what, "%s: item %zu", c->name, i);
		cr_expect(l.v[i].reason[0], "%s: item %zu has no reason", c->name, i);
	}
	xovn_inactive_free(&l);
}

Test(validate_routers, each_rule_reports_exactly_its_errors_and_items)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_error_t je;
		json_t *doc = json_loads(cases[i].model, 0, &je);
		struct xovn_model *m;

		cr_assert_not_null(doc, "%s: %s at %d", cases[i].name, je.text, je.position);
		m = xovn_model_read(doc);
		cr_assert_not_null(m);
		check_errors(&cases[i], m);
		check_inactive(&cases[i], m);
		xovn_model_free(m);
		json_decref(doc);
	}
}

/* Routes are left out by position: another route through the same nexthop stays. */
Test(validate_routers, active_model_leaves_out_routes_with_no_way_out)
{
	json_t *doc = json_loads(MODEL("[" LR0(",\"static_routes\":["
					       ROUTE("10.1.0.0/16", "10.0.0.9") ","
					       ROUTE("10.2.0.0/16", "172.16.0.1") ","
					       "{\"ip_prefix\":\"10.4.0.0/16\","
					       "\"nexthop\":\"10.0.0.9\",\"output_port\":\"gone\"},"
					       ROUTE("10.3.0.0/16", "172.16.0.1") "]") "]", ""),
				 0, NULL);
	struct xovn_inactive_list l;
	json_t *active, *routes;

	cr_assert_not_null(doc);
	xovn_inactive_init(&l);
	cr_assert_eq(xovn_model_incomplete(doc, &l), 3);
	active = xovn_model_active(doc, &l);
	cr_assert_not_null(active);
	routes = json_object_get(json_array_get(json_object_get(active, "logical_routers"), 0),
				 "static_routes");
	cr_assert_eq(json_array_size(routes), 1);
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(routes, 0), "nexthop")),
			 "10.0.0.9");
	json_decref(active);
	xovn_inactive_free(&l);
	json_decref(doc);
}
