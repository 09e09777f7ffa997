/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_route.c - xovnctl lr-route-add, lr-route-del, lr-route-list:
 * the canonical prefixes stored, duplicates and ECMP, deletion filters,
 * and lr-route-list's output, which is ovn-nbctl 23.03's byte for byte for
 * the same command lines (compared with it when the test was written).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ctl_harness.h"

static void setup(void)
{
	ctl_fixture_init();
	CTL_OK("lr-add", "r1", "--", "lrp-add", "r1", "p7", "00:00:00:00:00:02", "fe80::1/64",
	       "10.1.0.1/16");
}

TestSuite(ctl_route, .init = setup, .fini = ctl_fixture_fini);

static json_t *routes_of(json_t *m, const char *router)
{
	return json_object_get(ctl_json_router(m, router), "static_routes");
}

static const char *member(json_t *routes, size_t i, const char *key)
{
	return json_string_value(json_object_get(json_array_get(routes, i), key));
}

/* The one route the db holds must be prefix via nexthop. */
static void expect_single_route(const char *prefix, const char *nexthop)
{
	json_t *m = ctl_load(), *r = routes_of(m, "r1");

	cr_assert_eq(json_array_size(r), 1);
	cr_assert_str_eq(member(r, 0, "ip_prefix"), prefix);
	cr_assert_str_eq(member(r, 0, "nexthop"), nexthop);
	json_decref(m);
}

Test(ctl_route, prefixes_and_nexthops_are_stored_canonical)
{
	static const struct {
		const char *prefix, *nexthop, *stored_prefix, *stored_nexthop;
	} cases[] = {
		{ "10.1.2.3/16", "10.0.0.254", "10.1.0.0/16", "10.0.0.254" },
		{ "10.1.2.3/32", "10.0.0.254", "10.1.2.3", "10.0.0.254" },
		{ "10.1.2.3", "10.0.0.254", "10.1.2.3", "10.0.0.254" },
		{ "0.0.0.0/0", "10.0.0.1", "0.0.0.0/0", "10.0.0.1" },
		{ "2001:DB8:2::5/48", "2001:DB8:0::2", "2001:db8:2::/48", "2001:db8::2" },
		{ "2001:db8::1/128", "fe80::1", "2001:db8::1", "fe80::1" },
		{ "10.9.0.0/16", "discard", "10.9.0.0/16", "discard" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CTL_OK("lr-route-add", "r1", cases[i].prefix, cases[i].nexthop);
		expect_single_route(cases[i].stored_prefix, cases[i].stored_nexthop);
		CTL_OK("lr-route-del", "r1");
	}
}

Test(ctl_route, output_port_policy_and_table_are_stored)
{
	json_t *m, *r;

	CTL_OK("--policy=src-ip", "--route-table=rtb1", "lr-route-add", "r1", "10.2.0.0/16",
	       "10.1.0.254", "p7");
	m = ctl_load();
	r = routes_of(m, "r1");
	cr_assert_str_eq(member(r, 0, "output_port"), "p7");
	cr_assert_str_eq(member(r, 0, "policy"), "src-ip");
	cr_assert_str_eq(member(r, 0, "route_table"), "rtb1");
	json_decref(m);
}

Test(ctl_route, duplicates_ecmp_and_may_exist)
{
	json_t *m;

	CTL_OK("lr-route-add", "r1", "10.0.0.0/24", "10.0.0.254");
	CTL_FAIL("duplicate prefix: 10.0.0.0/24 (policy: dst-ip). Use option --ecmp to allow "
		 "this for ECMP routing.", "lr-route-add", "r1", "10.0.0.7/24", "10.0.0.253");
	CTL_OK("--ecmp", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.253");
	CTL_FAIL("duplicate nexthop for the same ECMP route", "--ecmp", "lr-route-add", "r1",
		 "10.0.0.0/24", "10.0.0.253");
	CTL_OK("--may-exist", "--ecmp", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.253");
	/* --may-exist alone: the first route of the prefix takes the new nexthop */
	CTL_OK("--may-exist", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.252");
	m = ctl_load();
	cr_assert_eq(json_array_size(routes_of(m, "r1")), 2);
	cr_assert_str_eq(member(routes_of(m, "r1"), 0, "nexthop"), "10.0.0.252");
	cr_assert_str_eq(member(routes_of(m, "r1"), 1, "nexthop"), "10.0.0.253");
	json_decref(m);
	/* the same prefix under another policy or table is another route */
	CTL_OK("--policy=src-ip", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.1");
	CTL_OK("--route-table=t2", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.1");
	CTL_OK("lr-route-add", "r1", "10.9.0.0/16", "discard");
	CTL_FAIL("discard nexthop for the same ECMP route exists.", "--ecmp", "lr-route-add",
		 "r1", "10.9.0.0/16", "10.0.0.9");
}

Test(ctl_route, bad_arguments_are_refused)
{
	static const struct {
		const char *argv[8];
		const char *err;
	} cases[] = {
		{ { "lr-route-add", "rX", "10.0.0.0/24", "10.0.0.1" }, "rX: router name not found" },
		{ { "lr-route-add", "r1", "bad", "10.0.0.1" }, "bad prefix argument: bad" },
		{ { "lr-route-add", "r1", "10.11.0.0/33", "10.0.0.1" },
		  "bad prefix argument: 10.11.0.0/33" },
		{ { "lr-route-add", "r1", "10.11.0.300/16", "10.0.0.1" },
		  "bad prefix argument: 10.11.0.300/16" },
		{ { "lr-route-add", "r1", "10.11.0.0/16", "10.0.0.300" },
		  "bad IPv4 nexthop argument: 10.0.0.300" },
		{ { "lr-route-add", "r1", "10.11.0.0/16", "10.0.0.1/24" },
		  "bad IPv4 nexthop argument: 10.0.0.1/24" },
		{ { "lr-route-add", "r1", "10.11.0.0/16", "2001:db8::2" },
		  "bad IPv4 nexthop argument: 2001:db8::2" },
		{ { "lr-route-add", "r1", "2001:db8::/64", "10.0.0.1" },
		  "bad IPv6 nexthop argument: 10.0.0.1" },
		{ { "lr-route-add", "r1", "10.11.0.0/16", "p7" }, "bad IPv4 nexthop argument: p7" },
		{ { "lr-route-add", "r1", "10.9.0.0/16", "10.0.0.254", "nope" },
		  "nope: port name not found" },
		{ { "lr-route-add", "r1", "10.9.0.0/16", "discard", "p7" },
		  "outport is not valid for discard routes." },
		{ { "--ecmp", "lr-route-add", "r1", "10.9.0.0/16", "discard" },
		  "ecmp is not valid for discard routes." },
		{ { "--policy=foo", "lr-route-add", "r1", "10.9.0.0/16", "10.0.0.1" },
		  "bad policy: foo" },
		{ { "--bfd", "lr-route-add", "r1", "10.9.0.0/16", "10.0.0.1" },
		  "unknown option --bfd" },
		{ { "--ecmp", "lr-route-del", "r1" }, "lr-route-del: option not accepted" },
		{ { "lr-route-del", "rX" }, "rX: router name not found" },
		{ { "lr-route-del", "r1", "bad" }, "bad prefix argument: bad" },
		{ { "lr-route-del", "r1", "10.0.0.0/24", "bad" }, "bad nexthop argument: bad" },
		{ { "--policy=foo", "lr-route-del", "r1" }, "bad policy: foo" },
		{ { "lr-route-del", "r1", "10.0.0.0/8" },
		  "no matching route: policy 'any', prefix '10.0.0.0/8', nexthop 'any', "
		  "output_port 'any'." },
		{ { "lr-route-list", "rX" }, "rX: router name not found" },
	};
	size_t i;

	CTL_OK("lr-route-add", "r1", "10.0.0.0/24", "10.0.0.254");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ctl_expect_fail_v(cases[i].err, cases[i].argv);
}

static size_t n_routes(void)
{
	json_t *m = ctl_load();
	size_t n = json_array_size(routes_of(m, "r1"));

	json_decref(m);
	return n;
}

Test(ctl_route, del_filters_by_prefix_nexthop_port_policy_and_table)
{
	CTL_OK("lr-route-add", "r1", "10.0.0.0/24", "10.0.0.254",
	       "--", "--ecmp", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.253", "p7",
	       "--", "--policy=src-ip", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.1",
	       "--", "--route-table=t2", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.1",
	       "--", "lr-route-add", "r1", "2001:db8::/64", "fe80::2");
	cr_assert_eq(n_routes(), 5);
	CTL_FAIL("no matching route: policy 'any', prefix '10.0.0.0/24', nexthop '10.0.0.253', "
		 "output_port 'p9'.", "lr-route-del", "r1", "10.0.0.0/24", "10.0.0.253", "p9");
	CTL_OK("lr-route-del", "r1", "10.0.0.7/24", "10.0.0.253/32", "p7");
	cr_assert_eq(n_routes(), 4);
	CTL_OK("--policy=src-ip", "lr-route-del", "r1");
	cr_assert_eq(n_routes(), 3);
	/* without --route-table only the main table's routes match */
	CTL_OK("lr-route-del", "r1", "10.0.0.0/24");
	cr_assert_eq(n_routes(), 2);
	CTL_OK("--route-table=t2", "lr-route-del", "r1", "10.0.0.0/24");
	cr_assert_eq(n_routes(), 1);
	CTL_FAIL("no matching route: policy 'src-ip', prefix '(null)', nexthop 'any', "
		 "output_port 'any'.", "--policy=src-ip", "lr-route-del", "r1");
	CTL_OK("--if-exists", "lr-route-del", "r1", "10.0.0.0/24");
	/* ROUTER alone: every route */
	CTL_OK("lr-route-del", "r1");
	cr_assert_eq(n_routes(), 0);
}

Test(ctl_route, list_as_ovn_nbctl_prints_it)
{
	static const char want[] =
		"IPv4 Routes\n"
		"Route Table <main>:\n"
		"                 10.1.2.3                10.0.0.254 dst-ip\n"
		"              10.0.0.0/24                10.0.0.253 dst-ip ecmp\n"
		"              10.0.0.0/24                10.0.0.254 dst-ip ecmp\n"
		"           192.168.2.0/24                  10.0.0.1 dst-ip\n"
		"              10.0.0.0/24                  10.0.0.1 src-ip\n"
		"           192.168.0.0/24                  10.0.0.1 src-ip\n"
		"              10.1.0.0/16                10.0.0.254 dst-ip\n"
		"              10.9.0.0/16                   discard dst-ip\n"
		"                0.0.0.0/0                  10.0.0.1 dst-ip\n"
		"\n"
		"Route Table rtb1:\n"
		"              10.0.0.0/24                  10.0.0.7 dst-ip\n"
		"\n"
		"IPv6 Routes\n"
		"Route Table <main>:\n"
		"          2001:db8:1::/64               2001:db8::2 dst-ip\n"
		"          2001:db8:2::/48               2001:db8::2 dst-ip p7\n"
		"\n"
		"Route Table rtb1:\n"
		"          2001:db8:9::/64               2001:db8::7 dst-ip\n";
	static const char want_rtb1[] =
		"IPv4 Routes\n"
		"Route Table rtb1:\n"
		"              10.0.0.0/24                  10.0.0.7 dst-ip\n"
		"\n"
		"IPv6 Routes\n"
		"Route Table rtb1:\n"
		"          2001:db8:9::/64               2001:db8::7 dst-ip\n";

	CTL_OK("lr-route-add", "r1", "10.0.0.0/24", "10.0.0.254");
	CTL_OK("--ecmp", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.253");
	CTL_OK("lr-route-add", "r1", "10.1.2.3/16", "10.0.0.254");
	CTL_OK("lr-route-add", "r1", "10.1.2.3", "10.0.0.254");
	CTL_OK("lr-route-add", "r1", "0.0.0.0/0", "10.0.0.1");
	CTL_OK("lr-route-add", "r1", "2001:db8:1::/64", "2001:db8::2");
	CTL_OK("lr-route-add", "r1", "2001:DB8:2::5/48", "2001:DB8::2", "p7");
	CTL_OK("lr-route-add", "r1", "10.9.0.0/16", "discard");
	CTL_OK("--policy=src-ip", "lr-route-add", "r1", "192.168.0.0/24", "10.0.0.1");
	CTL_OK("--policy=dst-ip", "lr-route-add", "r1", "192.168.2.0/24", "10.0.0.1");
	CTL_OK("--policy=src-ip", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.1");
	CTL_OK("--route-table=rtb1", "lr-route-add", "r1", "10.0.0.0/24", "10.0.0.7");
	CTL_OK("--route-table=rtb1", "lr-route-add", "r1", "2001:db8:9::/64", "2001:db8::7");
	CTL_OUT(want, "lr-route-list", "r1");
	CTL_OUT(want_rtb1, "--route-table=rtb1", "lr-route-list", "r1");
	CTL_OUT("", "--route-table=nope", "lr-route-list", "r1");
}

Test(ctl_route, list_of_a_router_without_routes_is_empty)
{
	CTL_OUT("", "lr-route-list", "r1");
	CTL_OK("lr-route-add", "r1", "2001:db8::/64", "fe80::2");
	CTL_OUT("IPv6 Routes\nRoute Table <main>:\n"
		"            2001:db8::/64                   fe80::2 dst-ip\n",
		"lr-route-list", "r1");
}
