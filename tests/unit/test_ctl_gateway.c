/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_gateway.c - xovnctl lrp-set/del/get-gateway-chassis and
 * lrp-set/get-redirect-type: the rows stored (named PORT-CHASSIS), their
 * order in lrp-get-gateway-chassis and show, ovn-nbctl 23.03's messages,
 * and a gateway chassis naming a chassis not defined yet: stored, listed,
 * and inactive.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ctl_harness.h"

static void setup(void)
{
	ctl_fixture_init();
	CTL_OK("lr-add", "r1", "--", "lrp-add", "r1", "out", "00:00:00:00:00:02",
	       "172.16.0.1/24", "--", "lrp-add", "r1", "in", "00:00:00:00:00:03", "10.0.0.1/24");
	/* Defined chassis: a gateway chassis naming one is in force, with no warning. */
	CTL_OK("chassis-add", "hv1", "geneve", "192.0.2.1", "--",
	       "chassis-add", "hv2", "geneve", "192.0.2.2", "--",
	       "chassis-add", "hv3", "geneve", "192.0.2.3", "--",
	       "chassis-add", "hv4", "geneve", "192.0.2.4");
}

TestSuite(ctl_gateway, .init = setup, .fini = ctl_fixture_fini);

Test(ctl_gateway, rows_are_named_port_chassis_and_updated_in_place)
{
	json_t *m, *gcs, *gc;

	CTL_OK("lrp-set-gateway-chassis", "out", "hv1", "20");
	CTL_OK("lrp-set-gateway-chassis", "out", "hv2");
	CTL_OK("lrp-set-gateway-chassis", "out", "hv2", "30");
	m = ctl_load();
	gcs = json_object_get(ctl_json_router_port(m, "out"), "gateway_chassis");
	cr_assert_eq(json_array_size(gcs), 2);
	gc = json_array_get(gcs, 1);
	cr_expect_str_eq(json_string_value(json_object_get(gc, "name")), "out-hv2");
	cr_expect_str_eq(json_string_value(json_object_get(gc, "chassis_name")), "hv2");
	cr_expect_eq(ctl_json_int(gc, "priority"), 30);
	cr_expect_not_null(json_object_get(gc, "_uuid"));
	json_decref(m);
}

Test(ctl_gateway, get_lists_by_priority_as_ovn_nbctl)
{
	CTL_OK("lrp-set-gateway-chassis", "out", "hv1", "20", "--",
	       "lrp-set-gateway-chassis", "out", "hv2", "--",
	       "lrp-set-gateway-chassis", "out", "hv3", "15", "--",
	       "lrp-set-gateway-chassis", "out", "hv4", "15");
	CTL_OUT("out-hv1    20\nout-hv4    15\nout-hv3    15\nout-hv2     0\n",
		"lrp-get-gateway-chassis", "out");
	CTL_OUT("", "lrp-get-gateway-chassis", "in");
	CTL_OK("lrp-del-gateway-chassis", "out", "hv4");
	CTL_OUT("out-hv1    20\nout-hv3    15\nout-hv2     0\n", "lrp-get-gateway-chassis", "out");
}

Test(ctl_gateway, refusals_say_what_ovn_nbctl_says)
{
	CTL_FAIL("32768: priority must in range 0...32767", "lrp-set-gateway-chassis", "out",
		 "hv1", "32768");
	CTL_FAIL("-1: priority must in range 0...32767", "lrp-set-gateway-chassis", "out", "hv1",
		 "-1");
	CTL_FAIL("high: priority must in range 0...32767", "lrp-set-gateway-chassis", "out",
		 "hv1", "high");
	CTL_FAIL("nope: port name not found", "lrp-set-gateway-chassis", "nope", "hv1", "1");
	CTL_FAIL("nope: port name not found", "lrp-get-gateway-chassis", "nope");
	CTL_FAIL("nope: port name not found", "lrp-del-gateway-chassis", "nope", "hv1");
	CTL_FAIL("chassis hv9 is not added to logical port out", "lrp-del-gateway-chassis", "out",
		 "hv9");
	CTL_FAIL("Invalid redirect type: tunnel", "lrp-set-redirect-type", "out", "tunnel");
}

Test(ctl_gateway, redirect_type_as_written_overlay_by_default)
{
	CTL_OUT("overlay\n", "lrp-get-redirect-type", "out");
	CTL_OK("lrp-set-redirect-type", "out", "bridged");
	CTL_OUT("bridged\n", "lrp-get-redirect-type", "out");
	CTL_OK("lrp-set-redirect-type", "out", "OVERLAY");
	CTL_OUT("OVERLAY\n", "lrp-get-redirect-type", "out");
}

Test(ctl_gateway, unknown_chassis_is_stored_inactive_and_shown)
{
	struct ctl_result r;
	json_t *m;

	ctl_runv(&r, ctl_db, CTL_ARGV("lrp-set-gateway-chassis", "out", "hv9", "5"));
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_expect(strstr(r.err, "gateway chassis of router port out is inactive: chassis \"hv9\" "
			 "is not defined yet") != NULL, "stderr: %s", r.err);
	ctl_result_free(&r);
	m = ctl_load();
	cr_expect_eq(json_array_size(json_object_get(ctl_json_router_port(m, "out"),
						     "gateway_chassis")), 1);
	json_decref(m);
	ctl_runv(&r, ctl_db, CTL_ARGV("show"));
	cr_assert_eq(r.status, 0);
	cr_expect(strstr(r.out, "    port out\n        mac: \"00:00:00:00:00:02\"\n"
			 "        networks: [\"172.16.0.1/24\"]\n"
			 "        gateway chassis: [hv9]\n") != NULL, "show: %s", r.out);
	ctl_result_free(&r);
}

Test(ctl_gateway, show_prints_nat_blocks)
{
	struct ctl_result r;

	CTL_OK("--portrange", "lr-nat-add", "r1", "dnat", "172.16.0.5", "10.0.0.5", "80-90");
	ctl_runv(&r, ctl_db, CTL_ARGV("show"));
	cr_assert_eq(r.status, 0);
	cr_expect(strstr(r.out, "        external ip: \"172.16.0.5\"\n"
			 "        external port(s): \"80-90\"\n"
			 "        logical ip: \"10.0.0.5\"\n"
			 "        type: \"dnat\"\n") != NULL, "show: %s", r.out);
	cr_expect(strstr(r.out, "    nat ") != NULL, "show: %s", r.out);
	ctl_result_free(&r);
}

/* ha_chassis_group on a router port is set the OVN way, by the group's UUID. */
Test(ctl_gateway, ha_chassis_group_by_uuid_and_forgotten_with_the_group)
{
	struct ctl_result r;
	char setting[128];
	json_t *m;

	CTL_OK("ha-chassis-group-add", "g1");
	ctl_runv(&r, ctl_db, CTL_ARGV("--bare", "--columns=_uuid", "find", "ha_chassis_group",
				      "name=g1"));
	cr_assert_eq(r.status, 0);
	r.out[strcspn(r.out, "\n")] = '\0';
	snprintf(setting, sizeof(setting), "ha_chassis_group=%s", r.out);
	ctl_result_free(&r);
	CTL_OK("set", "logical_router_port", "out", setting);
	m = ctl_load();
	cr_expect_str_eq(json_string_value(json_object_get(ctl_json_router_port(m, "out"),
							   "ha_chassis_group")), "g1");
	json_decref(m);
	CTL_OK("ha-chassis-group-del", "g1");
	m = ctl_load();
	cr_expect_null(json_object_get(ctl_json_router_port(m, "out"), "ha_chassis_group"));
	json_decref(m);
}
