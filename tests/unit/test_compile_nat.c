/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_compile_nat.c - NAT rules are stored and validated but not compiled
 * yet: a model with them gives, on every chassis, exactly the map entries
 * of the same model without them, both as read and as the active model
 * xovnd compiles (gateway chassis, which do compile, are in both:
 * test_compile_gateway.c).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "compile_fixture.h"
#include "model/incomplete.h"
#include "model/model.h"
#include "model_files.h"

/* routers.json plus NAT of every type and a distributed gateway port. */
static json_t *with_nat_and_gateways(const json_t *base)
{
	json_t *m = json_deep_copy(base);
	json_t *lr = json_array_get(json_object_get(m, "logical_routers"), 0);
	json_t *lrp = json_array_get(json_object_get(lr, "ports"), 0);
	json_t *lrp2 = json_array_get(json_object_get(lr, "ports"), 1);

	cr_assert_not_null(lrp2, "routers.json has a router with two ports");
	json_object_set_new(lr, "nat", json_pack(
		"[{s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s}]",
		"type", "snat", "external_ip", "172.16.0.10", "logical_ip", "10.0.0.0/24",
		"type", "dnat", "external_ip", "172.16.0.11", "logical_ip", "10.0.0.11",
		"type", "dnat_and_snat", "external_ip", "172.16.0.12", "logical_ip", "10.0.0.12",
		"logical_port", "vm1", "external_mac", "02:00:00:00:bb:12",
		"type", "dnat", "external_ip", "172.16.0.13", "logical_ip", "10.0.0.13",
		"external_port_range", "80-90"));
	/* One known chassis, one that is not defined yet (inactive). */
	json_object_set_new(lrp, "gateway_chassis", json_pack(
		"[{s:s, s:s, s:i}, {s:s, s:s, s:i}]",
		"name", "gw-hv1", "chassis_name", "hv1", "priority", 20,
		"name", "gw-hv9", "chassis_name", "hv9", "priority", 10));
	json_object_set_new(lrp2, "ha_chassis_group", json_string("g1"));
	return m;
}

static void expect_same_maps(const json_t *a, const json_t *b, const char *chassis,
			     const char *what)
{
	struct xovn_mapset sa, sb, up, del;
	char err[256];

	xovn_mapset_init(&sa);
	xovn_mapset_init(&sb);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	cr_assert_eq(compile_doc(a, chassis, hashed_iface, NULL, &sa, err, sizeof(err)), 0,
		     "%s", err);
	cr_assert_eq(compile_doc(b, chassis, hashed_iface, NULL, &sb, err, sizeof(err)), 0,
		     "%s", err);
	cr_assert(sa.n > 0, "the base model compiles to something on %s", chassis);
	cr_assert_eq(xovn_mapset_diff(&sa, &sb, &up, &del), 0);
	cr_expect(up.n == 0 && del.n == 0, "%s on %s: %zu entries more, %zu fewer", what, chassis,
		  up.n, del.n);
	xovn_mapset_free(&sa);
	xovn_mapset_free(&sb);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
}

Test(compile_nat, nat_rules_change_no_map_entry)
{
	json_t *file = tmf_load("tests/unit/valid/routers.json");
	json_t *with = with_nat_and_gateways(file);
	json_t *base = json_deep_copy(with), *active, *ch;
	struct xovn_inactive_list l;
	struct xovn_errors errs;
	size_t i;

	xovn_errors_init(&errs);
	json_object_del(json_array_get(json_object_get(base, "logical_routers"), 0), "nat");
	cr_assert_eq(xovn_model_validate(with, &errs), 0, "refused:%s", tmf_errors_text(&errs));
	xovn_inactive_init(&l);
	cr_assert_eq(xovn_model_incomplete(with, &l), 1, "only the gateway chassis hv9 waits");
	cr_expect_eq(l.v[0].kind, XOVN_INACTIVE_GATEWAY);
	active = xovn_model_active(with, &l);
	cr_assert_not_null(active);
	json_array_foreach(json_object_get(base, "chassis"), i, ch) {
		const char *name = json_string_value(json_object_get(ch, "name"));

		expect_same_maps(base, with, name, "the model as read");
		expect_same_maps(base, active, name, "the active model");
	}
	json_decref(active);
	xovn_inactive_free(&l);
	xovn_errors_free(&errs);
	json_decref(with);
	json_decref(base);
	json_decref(file);
}
