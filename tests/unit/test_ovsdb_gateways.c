// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_ovsdb_gateways.c - distributed gateway ports and NAT from OVN's
 * databases: the chassisredirect Port_Bindings and their HA chassis
 * groups (SB), the routers' NAT rules (NB), the active gateway chosen from
 * them as for a model file, and the cr- port claimed by that chassis.
 *
 * tests/unit/ovsdb/northd_dgp_{sb,nb}.json are the rows of the tables
 * xovnd monitors, from real ovsdb-servers after ovn-northd 23.03 processed:
 *   chassis hv1 (192.0.2.1) and hv2 (192.0.2.2) registered (ovn-sbctl);
 *   lr1 with lr1-ls1 and lr1-pub on switch pub (with a localnet port ln),
 *     lrp-set-gateway-chassis lr1-pub hv1 20, then hv2 10;
 *     lr-nat-add lr1 snat 172.16.0.100 10.0.1.0/24 and
 *     lr-nat-add lr1 dnat_and_snat 172.16.0.110 10.0.1.10 vm1 00:00:00:00:03:10;
 *   ha-chassis-group-add grp1 (hv2 30, hv1 10); lr2 with lr2-pub on
 *     switch pub2 whose ha_chassis_group is grp1; lr-nat-add lr2 dnat
 *     172.17.0.50 10.0.2.5.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "model/model.h"
#include "ovsdb/datum.h"
#include "ovsdb/nb_routes.h"
#include "ovsdb/replica.h"
#include "ovsdb/sb_changes.h"
#include "ovsdb/sb_model.h"
#include "ovsdb/sb_rows.h"
#include "model_files.h"
#include "ovsdb_fixture.h"

#define SB_ROWS "tests/unit/ovsdb/northd_dgp_sb.json"
#define NB_ROWS "tests/unit/ovsdb/northd_dgp_nb.json"
#define HV1_UUID "59470e1f-7c9c-4661-b459-c1582ce6c485"
#define CR_LR1_PUB "428968e8-0870-41c8-bb45-e32f08ed78f0"
#define CR_LR2_PUB "7ec05f45-b79a-4023-a1e5-fb1bd7a32ced"

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "CHASSIS:PRIO ..." of HA chassis group name, sorted (the SB lists HA_Chassis in hash order). */
static void group_members(const json_t *m, const char *name, char *buf, size_t len)
{
	const json_t *g = ovf_named(json_object_get(m, "ha_chassis_groups"), name), *mb;
	char each[8][64], *v[8];
	size_t i, n = 0, used = 0;

	cr_assert_not_null(g, "group %s", name);
	json_array_foreach(json_object_get(g, "members"), i, mb) {
		cr_assert_lt(n, 8u);
		snprintf(each[n], sizeof(each[n]), "%s:%lld", ovf_str(mb, "chassis"),
			 (long long)json_integer_value(json_object_get(mb, "priority")));
		v[n] = each[n];
		n++;
	}
	qsort(v, n, sizeof(v[0]), by_text);
	buf[0] = 0;
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? " " : "", v[i]);
}

/* Each gateway port: its HA group (ovn-northd's), the group's members, the active chassis. */
struct dgp_case {
	const char *lr, *port, *group, *members;
	const char *active, *active_without;   /* alive: both; without the first active one */
};

static const struct dgp_case dgp_cases[] = {
	{ "lr1", "lr1-pub", "lr1-pub", "hv1:20 hv2:10", "hv1", "hv2" },   /* lrp-set-gateway-chassis */
	{ "lr2", "lr2-pub", "grp1", "hv1:10 hv2:30", "hv2", "hv1" },      /* NB ha_chassis_group */
};
#define N_DGP (sizeof(dgp_cases) / sizeof(dgp_cases[0]))

Test(ovsdb_gateways, chassisredirect_rows_make_gateway_ports)
{
	json_t *skipped = json_array(), *m = ovf_build(SB_ROWS, NB_ROWS, 1, skipped);
	char members[128];

	for (size_t i = 0; i < N_DGP; i++) {
		const struct dgp_case *c = &dgp_cases[i];
		json_t *lr = ovf_router(m, c->lr), *p = ovf_named(json_object_get(lr, "ports"), c->port);

		cr_assert_not_null(p, "%s", c->port);
		cr_assert_str_eq(ovf_str(p, "ha_chassis_group") ?: "(none)", c->group, "%s", c->port);
		cr_assert_null(json_object_get(p, "gateway_chassis"));
		group_members(m, c->group, members, sizeof(members));
		cr_assert_str_eq(members, c->members, "%s", c->group);
		cr_assert_null(ovf_named(json_object_get(lr, "ports"), "cr-lr1-pub"),
			       "a chassisredirect row is no router port");
	}
	cr_assert_eq(json_array_size(skipped), 0, "nothing left out (%zu)", json_array_size(skipped));
	json_decref(m);
	json_decref(skipped);
}

/* Marks chassis name "down" in model m, as an operator or BFD does. */
static void mark_down(json_t *m, const char *name)
{
	json_object_set_new(ovf_named(json_object_get(m, "chassis"), name), "state", json_string("down"));
}

static const char *active_of(const struct xovn_model *t, const char *lr, const char *port)
{
	for (size_t i = 0; i < t->n_routers; i++)
		for (size_t j = 0; j < t->routers[i].n_ports; j++)
			if (strcmp(t->routers[i].name, lr) == 0 &&
			    strcmp(t->routers[i].ports[j].name, port) == 0)
				return xovn_model_active_gateway(t, &t->routers[i].ports[j]) ?: "(none)";
	cr_assert_fail("%s %s not in the typed model", lr, port);
	return NULL;
}

Test(ovsdb_gateways, active_gateway_by_priority_then_liveness)
{
	json_t *skipped = json_array(), *m = ovf_build(SB_ROWS, NB_ROWS, 1, skipped);

	for (size_t i = 0; i < N_DGP; i++) {
		const struct dgp_case *c = &dgp_cases[i];
		json_t *copy = json_deep_copy(m);
		struct xovn_model *t = xovn_model_read(m), *down;

		cr_assert_str_eq(active_of(t, c->lr, c->port), c->active, "%s", c->port);
		mark_down(copy, c->active);
		down = xovn_model_read(copy);
		cr_assert_str_eq(active_of(down, c->lr, c->port), c->active_without,
				 "%s with %s down", c->port, c->active);
		xovn_model_free(t);
		xovn_model_free(down);
		json_decref(copy);
	}
	json_decref(m);
	json_decref(skipped);
}

/* The NB's NAT rules, joined to their SB router. */
struct nat_case {
	const char *lr, *type, *external_ip, *logical_ip, *logical_port, *external_mac;
};

static const struct nat_case nat_cases[] = {
	{ "lr1", "dnat_and_snat", "172.16.0.110", "10.0.1.10", "vm1", "00:00:00:00:03:10" },
	{ "lr1", "snat", "172.16.0.100", "10.0.1.0/24", NULL, NULL },
	{ "lr2", "dnat", "172.17.0.50", "10.0.2.5", NULL, NULL },
};

Test(ovsdb_gateways, nat_rules_come_from_the_nb)
{
	json_t *skipped = json_array(), *m = ovf_build(SB_ROWS, NB_ROWS, 1, skipped);
	size_t k[2] = { 0, 0 };

	for (size_t i = 0; i < sizeof(nat_cases) / sizeof(nat_cases[0]); i++) {
		const struct nat_case *c = &nat_cases[i];
		size_t lri = strcmp(c->lr, "lr1") == 0 ? 0 : 1;
		json_t *nat = json_array_get(json_object_get(ovf_router(m, c->lr), "nat"), k[lri]++);

		cr_assert_not_null(nat, "%s %s %s", c->lr, c->type, c->external_ip);
		ovf_assert_member(nat, "type", c->type, c->external_ip);
		ovf_assert_member(nat, "external_ip", c->external_ip, c->external_ip);
		ovf_assert_member(nat, "logical_ip", c->logical_ip, c->external_ip);
		ovf_assert_member(nat, "logical_port", c->logical_port, c->external_ip);
		ovf_assert_member(nat, "external_mac", c->external_mac, c->external_ip);
		ovf_assert_member(nat, "external_port_range", NULL, c->external_ip);
	}
	cr_assert_eq(json_array_size(json_object_get(ovf_router(m, "lr1"), "nat")), k[0]);
	cr_assert_eq(json_array_size(json_object_get(ovf_router(m, "lr2"), "nat")), k[1]);
	json_decref(m);
	json_decref(skipped);
	m = ovf_build(SB_ROWS, NB_ROWS, 0, skipped = json_array());
	cr_assert_null(json_object_get(ovf_router(m, "lr1"), "nat"), "without the NB: no NAT rules");
	cr_assert_str_eq(ovf_str(ovf_named(json_object_get(ovf_router(m, "lr1"), "ports"), "lr1-pub"),
			     "ha_chassis_group") ?: "(none)", "lr1-pub",
			 "the gateway is the SB's alone");
	json_decref(m);
	json_decref(skipped);
}

/* A NAT rule the model refuses is left out alone, with its reason. */
Test(ovsdb_gateways, refused_nat_rule_is_left_out_alone)
{
	struct ovsdb_replica sb, nb;
	json_t *skipped = json_array(), *m, *u;

	ovf_replica_load(&sb, SB_ROWS);
	ovf_replica_load(&nb, NB_ROWS);
	u = tmf_json("{\"NAT\": {\"98b1f000-3d9c-4d74-8f3e-6fef95170341\": {\"new\": {"
		     "\"type\": \"dnat_and_snat\", \"external_ip\": \"172.16.0.110\","
		     " \"logical_ip\": \"10.0.1.10\", \"logical_port\": \"vm1\","
		     " \"external_mac\": \"not-a-mac\", \"external_port_range\": \"\","
		     " \"options\": [\"map\", []]}}}}");
	cr_assert_gt(ovsdb_replica_apply(&nb, u), 0);
	json_decref(u);
	m = sb_model_build(&sb, &nb, NULL, 1, skipped);
	cr_assert_not_null(m, "the rest is a valid model");
	cr_assert(tmf_lines_have(skipped, "NAT rule 172.16.0.110: refused by the validator"),
		  "%s", json_dumps(skipped, 0));
	cr_assert_eq(json_array_size(json_object_get(ovf_router(m, "lr1"), "nat")), 1,
		     "the snat stays");
	json_decref(m);
	json_decref(skipped);
	ovsdb_replica_free(&sb);
	ovsdb_replica_free(&nb);
}

/* The Port_Binding updates among ops, by row UUID -> the row written. */
static json_t *port_binding_rows(const json_t *ops)
{
	json_t *rows = json_object(), *op;
	size_t i;

	json_array_foreach((json_t *)ops, i, op) {
		const json_t *where = json_array_get(json_array_get(json_object_get(op, "where"), 0), 2);

		if (strcmp(ovf_str(op, "table") ?: "", "Port_Binding") == 0)
			json_object_set(rows, ovsdb_uuid(where) ?: "?", json_object_get(op, "row"));
	}
	return rows;
}

Test(ovsdb_gateways, active_gateway_claims_its_redirect_port_and_releases_it)
{
	struct sb_chassis_want w = { .name = "hv1", .hostname = "h1", .encap_ip = "192.0.2.1",
				     .nb_cfg = -1 };
	json_t *held = tmf_json("{\"lr1-pub\": true}"), *ops = json_array(), *rows, *row, *u;
	struct ovsdb_replica sb;

	ovf_replica_load(&sb, SB_ROWS);
	w.gateways = held;
	sb_rows_ops(&sb, &w, ops);
	rows = port_binding_rows(ops);
	cr_assert_eq(json_object_size(rows), 1, "only cr-lr1-pub is claimed");
	row = json_object_get(rows, CR_LR1_PUB);
	cr_assert_str_eq(ovsdb_uuid(json_object_get(row, "chassis")) ?: "(none)", HV1_UUID);
	cr_assert_null(json_object_get(row, "up"), "a cr- port has no up of its own");
	json_decref(rows);

	/* Claimed: nothing more to write for it. */
	u = tmf_json("{\"Port_Binding\": {\"" CR_LR1_PUB "\": {\"new\": {\"logical_port\": "
		     "\"cr-lr1-pub\", \"type\": \"chassisredirect\", \"chassis\": [\"uuid\", \""
		     HV1_UUID "\"], \"options\": [\"map\", [[\"distributed-port\", \"lr1-pub\"]]]}}}}");
	cr_assert_gt(ovsdb_replica_apply(&sb, u), 0);
	json_decref(u);
	json_array_clear(ops);
	sb_rows_ops(&sb, &w, ops);
	rows = port_binding_rows(ops);
	cr_assert_eq(json_object_size(rows), 0, "already ours");
	json_decref(rows);

	/* Another chassis is the active gateway now: released. */
	json_object_clear(held);
	json_array_clear(ops);
	sb_rows_ops(&sb, &w, ops);
	rows = port_binding_rows(ops);
	cr_assert_eq(json_object_size(rows), 1);
	cr_assert_eq(ovsdb_set_size(json_object_get(json_object_get(rows, CR_LR1_PUB), "chassis")), 0);
	json_decref(rows);
	json_decref(ops);
	json_decref(held);
	ovsdb_replica_free(&sb);
}

Test(ovsdb_gateways, a_redirect_claim_changes_nothing_in_the_model)
{
	struct sb_changes ch;
	struct ovsdb_replica sb;
	json_t *u = tmf_json("{\"Port_Binding\": {\"" CR_LR2_PUB "\": {\"old\": {\"chassis\": "
			     "[\"set\", []]}, \"new\": {\"logical_port\": \"cr-lr2-pub\", \"type\": "
			     "\"chassisredirect\", \"chassis\": [\"uuid\", \"" HV1_UUID "\"]}}}}");
	json_t *moved = tmf_json("{\"Port_Binding\": {\"" CR_LR2_PUB "\": {\"old\": {\"ha_chassis_group\": "
				 "[\"set\", []]}, \"new\": {\"logical_port\": \"cr-lr2-pub\", \"type\": "
				 "\"chassisredirect\"}}}}");

	ovf_replica_load(&sb, SB_ROWS);
	sb_changes_init(&ch);
	sb_changes_note(&ch, &sb, u);
	cr_assert(!sb_changes_any(&ch), "claimed by a chassis: the same model");
	sb_changes_note(&ch, &sb, moved);
	cr_assert(sb_changes_any(&ch), "its group changed: a new model");
	sb_changes_free(&ch);
	json_decref(u);
	json_decref(moved);
	ovsdb_replica_free(&sb);
}
