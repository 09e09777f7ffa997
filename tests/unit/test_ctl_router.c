/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_router.c - xovnctl lr-* and lrp-*: what is stored, what is
 * printed, tunnel keys shared with switches, and every refusal with
 * ovn-nbctl 23.03's message (checked against it) and the db unchanged.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "ctl_harness.h"

TestSuite(ctl_router, .init = ctl_fixture_init, .fini = ctl_fixture_fini);

static const char *uuid_of(json_t *row)
{
	const char *u = json_string_value(json_object_get(row, "_uuid"));

	cr_assert_not_null(u, "row without _uuid");
	return u;
}

Test(ctl_router, lr_add_list_del)
{
	char want[256];
	json_t *m;

	CTL_OK("lr-add", "r2", "--", "lr-add", "r1");
	m = ctl_load();
	snprintf(want, sizeof(want), "%s (r1)\n%s (r2)\n", uuid_of(ctl_json_router(m, "r1")),
		 uuid_of(ctl_json_router(m, "r2")));
	cr_assert_eq(json_array_size(json_object_get(ctl_json_router(m, "r1"), "ports")), 0);
	json_decref(m);
	CTL_OUT(want, "lr-list");
	CTL_FAIL("r1: a router with this name already exists", "lr-add", "r1");
	CTL_OK("--may-exist", "lr-add", "r1");
	CTL_OK("lr-del", "r2");
	m = ctl_load();
	cr_assert_eq(json_array_size(json_object_get(m, "logical_routers")), 1);
	json_decref(m);
	CTL_FAIL("r2: router name not found", "lr-del", "r2");
	CTL_OK("--if-exists", "lr-del", "r2");
}

Test(ctl_router, routers_and_switches_share_datapath_keys)
{
	CTL_OK("ls-add", "sw0", "--", "lr-add", "r0", "--", "ls-add", "sw1",
	       "--", "--tunnel-key=9", "lr-add", "r9");
	CTL_EXPECT_KEYS({ ctl_json_switch, "sw0", 1 }, { ctl_json_router, "r0", 2 },
			{ ctl_json_switch, "sw1", 3 }, { ctl_json_router, "r9", 9 });
	CTL_FAIL("router tunnel key 1 is already in use", "--tunnel-key=1", "lr-add", "r1");
	CTL_FAIL("switch tunnel key 2 is already in use", "--tunnel-key=2", "ls-add", "sw2");
	CTL_FAIL("switch tunnel key 9 is already in use", "--tunnel-key=9", "ls-add", "sw2");
}

Test(ctl_router, lrp_add_stores_the_port)
{
	json_t *m, *p, *q;

	CTL_OK("lr-add", "r1", "--", "lrp-add", "r1", "p1", "00:00:00:00:00:01",
	       "10.0.0.1/24", "2001:db8::1/64", "--", "lrp-add", "r1", "p2",
	       "0a:00:00:00:00:02", "10.1.0.1/16", "peer=p9");
	m = ctl_load();
	p = ctl_json_router_port(m, "p1");
	cr_assert_str_eq(json_string_value(json_object_get(p, "mac")), "00:00:00:00:00:01");
	cr_assert_eq(json_array_size(json_object_get(p, "networks")), 2);
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(p, "networks"), 1)),
			 "2001:db8::1/64");
	cr_assert_eq(ctl_json_int(p, "tunnel_key"), 1);
	cr_assert_null(json_object_get(p, "peer"));
	q = ctl_json_router_port(m, "p2");
	cr_assert_eq(ctl_json_int(q, "tunnel_key"), 2);
	cr_assert_str_eq(json_string_value(json_object_get(q, "peer")), "p9");
	json_decref(m);
}

Test(ctl_router, lrp_list_and_del)
{
	char want[256];
	json_t *m;

	CTL_OK("lr-add", "r1", "--", "lrp-add", "r1", "pb", "00:00:00:00:00:02", "10.0.1.1/24",
	       "--", "lrp-add", "r1", "pa", "00:00:00:00:00:01", "10.0.0.1/24");
	m = ctl_load();
	snprintf(want, sizeof(want), "%s (pa)\n%s (pb)\n",
		 uuid_of(ctl_json_router_port(m, "pa")), uuid_of(ctl_json_router_port(m, "pb")));
	json_decref(m);
	CTL_OUT(want, "lrp-list", "r1");
	CTL_OK("lrp-del", "pb");
	CTL_FAIL("pb: port name not found", "lrp-del", "pb");
	CTL_OK("--if-exists", "lrp-del", "pb");
	m = ctl_load();
	cr_assert_eq(json_array_size(json_object_get(ctl_json_router(m, "r1"), "ports")), 1);
	json_decref(m);
	CTL_FAIL("rX: router name not found", "lrp-list", "rX");
}

/* --may-exist: the same port again is fine; anything different is refused. */
Test(ctl_router, lrp_add_may_exist)
{
	static const struct {
		const char *argv[8];
		const char *err;       /* NULL: succeeds */
	} cases[] = {
		{ { "r1", "p1", "00:00:00:00:00:01", "10.0.0.1/24", "2001:db8::1/64" }, NULL },
		/* networks compare as a set of prefixes, as ovn-nbctl's do */
		{ { "r1", "p1", "00:00:00:00:00:01", "2001:db8::1/64", "10.0.0.2/24" }, NULL },
		{ { "r1", "p1", "00:00:00:00:00:02", "10.0.0.1/24" },
		  "p1: port already exists with mac 00:00:00:00:00:01" },
		{ { "r1", "p1", "00:00:00:00:00:01", "10.0.0.1/24" },
		  "p1: port already exists with different network" },
		{ { "r1", "p1", "00:00:00:00:00:01", "10.0.0.1/24", "2001:db8::1/64", "peer=x" },
		  "p1: port already exists with mismatching peer" },
		{ { "r2", "p1", "00:00:00:00:00:01", "10.0.0.1/24", "2001:db8::1/64" },
		  "p1: port already exists but in router r1" },
		{ { "r1", "p1", "00:00:00:00:00:01", "10.0.0.1/24", "2001:db8::1/129" },
		  "p1: Invalid networks configured" },
	};
	const char *argv[12];
	size_t i, k;

	CTL_OK("lr-add", "r1", "--", "lr-add", "r2", "--", "lrp-add", "r1", "p1",
	       "00:00:00:00:00:01", "10.0.0.1/24", "2001:db8::1/64");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		argv[0] = "--may-exist";
		argv[1] = "lrp-add";
		for (k = 0; cases[i].argv[k]; k++)
			argv[2 + k] = cases[i].argv[k];
		argv[2 + k] = NULL;
		if (cases[i].err)
			ctl_expect_fail_v(cases[i].err, argv);
		else
			ctl_expect_ok_v("", argv);
	}
	CTL_FAIL("p1: a port with this name already exists", "lrp-add", "r1", "p1",
		 "00:00:00:00:00:01", "10.0.0.1/24", "2001:db8::1/64");
}

Test(ctl_router, lrp_enabled)
{
	json_t *m;

	CTL_OK("lr-add", "r1", "--", "lrp-add", "r1", "p1", "00:00:00:00:00:01", "10.0.0.1/24");
	CTL_OUT("enabled\n", "lrp-get-enabled", "p1");
	CTL_OK("lrp-set-enabled", "p1", "disabled");
	CTL_OUT("disabled\n", "lrp-get-enabled", "p1");
	m = ctl_load();
	cr_assert(json_is_false(json_object_get(ctl_json_router_port(m, "p1"), "enabled")));
	json_decref(m);
	CTL_OK("lrp-set-enabled", "p1", "ENABLED");
	CTL_OUT("enabled\n", "lrp-get-enabled", "p1");
	CTL_FAIL("maybe: state must be \"enabled\" or \"disabled\"", "lrp-set-enabled", "p1",
		 "maybe");
	CTL_FAIL("p9: port name not found", "lrp-get-enabled", "p9");
}

/* Refusals: ovn-nbctl's message (xovn's where ovn-nbctl accepts nonsense), db unchanged. */
Test(ctl_router, bad_arguments_are_refused)
{
	static const struct {
		const char *argv[8];
		const char *err;
	} cases[] = {
		{ { "lr-add", "bad name!" }, "router name \"bad name!\"" },
		{ { "lrp-add", "rX", "p2", "00:00:00:00:00:02", "10.0.0.2/24" },
		  "rX: router name not found" },
		{ { "lrp-add", "r1", "p2", "zz", "10.0.0.2/24" }, "p2: invalid mac address zz" },
		{ { "lrp-add", "r1", "p2", "00:00:00:00:00:0", "10.0.0.2/24" },
		  "p2: invalid mac address 00:00:00:00:00:0" },
		{ { "lrp-add", "r1", "p2", "00:00:00:00:00:02", "peer=x" },
		  "p2: router port requires specifying a network" },
		{ { "lrp-add", "r1", "p2", "00:00:00:00:00:02", "abc" },
		  "p2: invalid network address: abc" },
		{ { "lrp-add", "r1", "p2", "00:00:00:00:00:02", "10.0.0.5/33" },
		  "p2: invalid network address: 10.0.0.5/33" },
		{ { "lrp-add", "r1", "p2", "00:00:00:00:00:02", "10.0.0.300/24" },
		  "p2: invalid network address: 10.0.0.300/24" },
		{ { "lrp-add", "r1", "p2", "00:00:00:00:00:02", "2001:db8:::1/64" },
		  "p2: invalid network address: 2001:db8:::1/64" },
		{ { "lrp-add", "r1", "p2", "00:00:00:00:00:02", "10.0.0.2" },
		  "p2: invalid network address: 10.0.0.2 (xovn needs ADDRESS/PLEN)" },
		{ { "lrp-add", "r1", "p2", "00:00:00:00:00:02", "10.0.0.2/24", "foo=bar" },
		  "Logical_Router_Port does not contain a column whose name matches \"foo\"" },
		{ { "lrp-add", "r1", "bad/name", "00:00:00:00:00:02", "10.0.0.2/24" },
		  "port name \"bad/name\"" },
		{ { "lrp-add", "r1", "vm1", "00:00:00:00:00:02", "10.0.0.2/24" },
		  "vm1: a logical switch port has this name" },
		{ { "--ecmp", "lrp-add", "r1", "p2", "00:00:00:00:00:02", "10.0.0.2/24" },
		  "lrp-add: option not accepted" },
	};
	size_t i;

	CTL_OK("lr-add", "r1", "--", "lrp-add", "r1", "p1", "00:00:00:00:00:01", "10.0.0.1/24",
	       "--", "ls-add", "sw0", "--", "lsp-add", "sw0", "vm1");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ctl_expect_fail_v(cases[i].err, cases[i].argv);
}

Test(ctl_router, lr_del_takes_ports_and_routes)
{
	json_t *m;

	CTL_OK("lr-add", "r1", "--", "lrp-add", "r1", "p1", "00:00:00:00:00:01", "10.0.0.1/24",
	       "--", "lr-route-add", "r1", "0.0.0.0/0", "10.0.0.254");
	CTL_OK("lr-del", "r1");
	m = ctl_load();
	cr_assert_eq(json_array_size(json_object_get(m, "logical_routers")), 0);
	json_decref(m);
	/* the port name is free again */
	CTL_OK("lr-add", "r2", "--", "lrp-add", "r2", "p1", "00:00:00:00:00:01", "10.0.0.1/24");
}

/* A model without routers is written without the member: old files stay as they were. */
Test(ctl_router, a_db_without_routers_gains_no_member)
{
	json_t *m;

	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "vm1");
	m = ctl_load();
	cr_assert_null(json_object_get(m, "logical_routers"));
	json_decref(m);
}

/* Records may be named by _uuid as well as by name, as in ovn-nbctl. */
Test(ctl_router, routers_and_ports_by_uuid)
{
	char lr_uuid[40], lrp_uuid[40];
	json_t *m;

	CTL_OK("lr-add", "r1", "--", "lrp-add", "r1", "p1", "00:00:00:00:00:01", "10.0.0.1/24");
	m = ctl_load();
	snprintf(lr_uuid, sizeof(lr_uuid), "%s", uuid_of(ctl_json_router(m, "r1")));
	snprintf(lrp_uuid, sizeof(lrp_uuid), "%s", uuid_of(ctl_json_router_port(m, "p1")));
	json_decref(m);
	CTL_OK("lrp-set-enabled", lrp_uuid, "disabled");
	CTL_OUT("disabled\n", "lrp-get-enabled", "p1");
	CTL_OK("lrp-del", lrp_uuid, "--", "lr-del", lr_uuid);
	CTL_FAIL("router UUID not found", "lr-del", "00000000-0000-4000-8000-000000000001");
}

Test(ctl_router, switch_ports_may_not_take_a_router_port_name)
{
	CTL_OK("lr-add", "r1", "--", "lrp-add", "r1", "p1", "00:00:00:00:00:01", "10.0.0.1/24",
	       "--", "ls-add", "sw0");
	CTL_FAIL("p1: a logical router port has this name", "lsp-add", "sw0", "p1");
	CTL_FAIL("p1: a logical router port has this name", "--may-exist", "lsp-add", "sw0", "p1");
}

/* Every router verb has its own usage, not the generic one. */
Test(ctl_router, every_router_verb_has_its_usage)
{
	static const char *const verbs[] = {
		"lr-add", "lr-del", "lr-list", "lrp-add", "lrp-del", "lrp-list", "lrp-set-enabled",
		"lrp-get-enabled", "lr-route-add", "lr-route-del", "lr-route-list",
	};
	struct ctl_result r;
	char generic[128];

	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		ctl_runv(&r, ctl_db, CTL_ARGV(verbs[i], "--help"));
		snprintf(generic, sizeof(generic), "%s [ARG...]", verbs[i]);
		cr_assert_eq(r.status, 0, "%s --help", verbs[i]);
		cr_assert_not_null(strstr(r.out, verbs[i]), "%s", r.out);
		cr_assert_null(strstr(r.out, generic), "%s has only the generic usage", verbs[i]);
		ctl_result_free(&r);
	}
}
