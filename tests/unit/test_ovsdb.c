// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_ovsdb.c - the OVSDB client's pure parts: message framing over a real
 * socket, value decoding, the replica, the SB -> model translation and the
 * rows a chassis writes.
 */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "model/model.h"
#include "ovsdb/datum.h"
#include "ovsdb/jsonrpc.h"
#include "ovsdb/replica.h"
#include "ovsdb/sb_model.h"
#include "ovsdb/sb_rows.h"
#include "model_files.h"

/* ---- framing ---------------------------------------------------------------- */

static int peer;

static void pair_open(struct jsonrpc *rpc)
{
	int sv[2];

	cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
	memset(rpc, 0, sizeof(*rpc));
	rpc->fd = sv[0];
	peer = sv[1];
}

static void put(const char *s)
{
	cr_assert_eq(write(peer, s, strlen(s)), (ssize_t)strlen(s));
}

Test(ovsdb_jsonrpc, a_message_split_anywhere_is_one_message)
{
	const char *msg = "{\"method\":\"update\",\"params\":[\"x\",{\"T\":{\"a}\\\"{\":1}}],\"id\":null}";
	struct jsonrpc rpc;
	int lost;

	for (size_t cut = 1; cut < strlen(msg); cut++) {
		char head[128];
		json_t *m;

		pair_open(&rpc);
		snprintf(head, sizeof(head), "%.*s", (int)cut, msg);
		put(head);
		cr_assert_null(jsonrpc_recv(&rpc, &lost), "complete after %zu bytes", cut);
		cr_assert_eq(lost, 0);
		put(msg + cut);
		m = jsonrpc_recv(&rpc, &lost);
		cr_assert_not_null(m, "not complete at cut %zu", cut);
		cr_assert_str_eq(json_string_value(json_object_get(m, "method")), "update");
		cr_assert_not_null(json_object_get(json_object_get(json_array_get(
			json_object_get(m, "params"), 1), "T"), "a}\"{"));
		json_decref(m);
		jsonrpc_close(&rpc);
		close(peer);
	}
}

Test(ovsdb_jsonrpc, two_messages_in_one_read_and_a_closed_peer)
{
	struct jsonrpc rpc;
	json_t *a, *b;
	int lost;

	pair_open(&rpc);
	put("{\"id\":1,\"result\":[]}\n{\"id\":2,\"result\":{}}");
	a = jsonrpc_recv(&rpc, &lost);
	b = jsonrpc_recv(&rpc, &lost);
	cr_assert(a && b);
	cr_assert_eq(json_integer_value(json_object_get(a, "id")), 1);
	cr_assert_eq(json_integer_value(json_object_get(b, "id")), 2);
	cr_assert_null(jsonrpc_recv(&rpc, &lost));
	cr_assert_eq(lost, 0);
	close(peer);
	cr_assert_null(jsonrpc_recv(&rpc, &lost));
	cr_assert_eq(lost, 1, "a closed peer is a lost connection");
	json_decref(a);
	json_decref(b);
	jsonrpc_close(&rpc);
}

Test(ovsdb_jsonrpc, garbage_is_a_lost_connection)
{
	struct jsonrpc rpc;
	int lost;

	pair_open(&rpc);
	put("{\"id\":1,\"result\":[} ");
	cr_assert_null(jsonrpc_recv(&rpc, &lost));
	cr_assert_eq(lost, 1);
	jsonrpc_close(&rpc);
	close(peer);
}

Test(ovsdb_jsonrpc, bad_remotes_are_refused)
{
	struct jsonrpc rpc;
	char err[256];

	cr_assert_eq(jsonrpc_open(&rpc, "ssl:1.2.3.4:6642", err, sizeof(err)), -1);
	cr_assert_eq(jsonrpc_open(&rpc, "tcp:1.2.3:6642", err, sizeof(err)), -1);
	cr_assert_eq(jsonrpc_open(&rpc, "tcp:127.0.0.1:0", err, sizeof(err)), -1);
	cr_assert_eq(jsonrpc_open(&rpc, "unix:/nonexistent/sb.sock", err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "/nonexistent/sb.sock"), "%s", err);
}

/* ---- values ------------------------------------------------------------------- */

Test(ovsdb_datum, sets_maps_and_references)
{
	json_t *empty = tmf_json("[\"set\", []]"), *one = tmf_json("\"a\""), *two = tmf_json("[\"set\", [\"a\", \"b\"]]");
	json_t *map = tmf_json("[\"map\", [[\"k\", \"v\"], [\"n\", \"1\"]]]");
	json_t *ref = tmf_json("[\"uuid\", \"5c6a3d3b-0000-0000-0000-000000000001\"]");
	json_t *obj;
	int has;

	cr_assert_eq(ovsdb_set_size(empty), 0);
	cr_assert_null(ovsdb_string(empty));
	cr_assert_str_eq(ovsdb_string(one), "a");
	cr_assert_eq(ovsdb_set_size(two), 2);
	cr_assert_null(ovsdb_string(two), "a two-element set is not one string");
	cr_assert_str_eq(ovsdb_map_get(map, "n"), "1");
	cr_assert_null(ovsdb_map_get(map, "x"));
	cr_assert_str_eq(ovsdb_uuid(ref), "5c6a3d3b-0000-0000-0000-000000000001");
	cr_assert_null(ovsdb_uuid(empty));
	ovsdb_integer(empty, &has);
	cr_assert_eq(has, 0);
	obj = ovsdb_map_object(map);
	cr_assert_str_eq(json_string_value(json_object_get(obj, "k")), "v");
	json_decref(obj);
	json_decref(empty);
	json_decref(one);
	json_decref(two);
	json_decref(map);
	json_decref(ref);
}

Test(ovsdb_replica, insert_modify_delete)
{
	struct ovsdb_replica r;
	json_t *u;

	ovsdb_replica_init(&r);
	u = tmf_json("{\"Chassis\": {\"u1\": {\"new\": {\"name\": \"hv1\"}},"
	      "             \"u2\": {\"new\": {\"name\": \"hv2\"}}}}");
	cr_assert_eq(ovsdb_replica_apply(&r, u), 2);
	json_decref(u);
	u = tmf_json("{\"Chassis\": {\"u1\": {\"old\": {\"name\": \"hv1\"}, \"new\": {\"name\": \"hv9\"}},"
	      "             \"u2\": {\"old\": {\"name\": \"hv2\"}}}}");
	cr_assert_eq(ovsdb_replica_apply(&r, u), 2);
	json_decref(u);
	cr_assert_not_null(ovsdb_replica_find(&r, "Chassis", "name", "hv9", NULL));
	cr_assert_null(ovsdb_replica_row(&r, "Chassis", "u2"));
	cr_assert_eq(json_object_size(ovsdb_replica_table(&r, "Chassis")), 1);
	u = tmf_json("{\"Chassis\": [1]}");
	cr_assert_eq(ovsdb_replica_apply(&r, u), -1, "malformed updates are refused");
	json_decref(u);
	ovsdb_replica_free(&r);
}

/* ---- SB -> model ----------------------------------------------------------------- */

#define U(n) "00000000-0000-0000-0000-00000000000" #n

/* Switch ls1 (key 7) with a VIF on hv2, our VIF, a localport, a patch port
 * and a port whose name xovn cannot hold; a router datapath; chassis hv2. */
static const char *const sb_rows =
	"{\"Datapath_Binding\": {"
	"  \"" U(1) "\": {\"new\": {\"tunnel_key\": 7, \"external_ids\": [\"map\", [[\"name\", \"ls1\"], [\"logical-switch\", \"x\"]]]}},"
	"  \"" U(2) "\": {\"new\": {\"tunnel_key\": 8, \"external_ids\": [\"map\", [[\"name\", \"lr1\"], [\"logical-router\", \"y\"]]]}}},"
	" \"Port_Binding\": {"
	"  \"" U(3) "\": {\"new\": {\"logical_port\": \"vm2\", \"type\": \"\", \"tunnel_key\": 2, \"datapath\": [\"uuid\", \"" U(1) "\"],"
	"        \"mac\": \"02:00:00:00:00:02 10.0.0.2\", \"chassis\": [\"uuid\", \"" U(5) "\"], \"options\": [\"map\", []]}},"
	"  \"" U(4) "\": {\"new\": {\"logical_port\": \"vm1\", \"type\": \"\", \"tunnel_key\": 1, \"datapath\": [\"uuid\", \"" U(1) "\"],"
	"        \"mac\": [\"set\", [\"02:00:00:00:00:01 10.0.0.1\"]], \"chassis\": [\"set\", []]}},"
	"  \"" U(6) "\": {\"new\": {\"logical_port\": \"md\", \"type\": \"localport\", \"tunnel_key\": 3, \"datapath\": [\"uuid\", \"" U(1) "\"],"
	"        \"mac\": \"02:00:00:00:00:fe 10.0.0.254\"}},"
	"  \"" U(7) "\": {\"new\": {\"logical_port\": \"ls1-lr1\", \"type\": \"patch\", \"tunnel_key\": 4, \"datapath\": [\"uuid\", \"" U(1) "\"]}},"
	"  \"" U(8) "\": {\"new\": {\"logical_port\": \"bad name\", \"type\": \"\", \"tunnel_key\": 5, \"datapath\": [\"uuid\", \"" U(1) "\"]}}},"
	" \"Chassis\": {\"" U(5) "\": {\"new\": {\"name\": \"hv2\", \"encaps\": [\"uuid\", \"" U(9) "\"]}}},"
	" \"Encap\": {\"" U(9) "\": {\"new\": {\"type\": \"geneve\", \"ip\": \"192.0.2.2\"}}},"
	" \"SB_Global\": {\"" U(0) "\": {\"new\": {\"nb_cfg\": 4}}}}";

static const char *const local_row =
	"{\"name\": \"hv1\", \"encap\": {\"type\": \"geneve\", \"ip\": \"192.0.2.1\"},"
	" \"vifs\": [{\"iface\": \"tap1\", \"port\": \"vm1\"}]}";

static void replica_from(struct ovsdb_replica *r, const char *rows)
{
	json_t *u = tmf_json(rows);

	ovsdb_replica_init(r);
	cr_assert_gt(ovsdb_replica_apply(r, u), 0);
	json_decref(u);
}

Test(ovsdb_sb_model, rows_become_a_valid_model_with_northd_keys)
{
	json_t *local = tmf_json(local_row), *skipped = json_array(), *m, *sw, *ports, *b;
	struct xovn_errors errs;
	struct ovsdb_replica r;

	replica_from(&r, sb_rows);
	m = sb_model_build(&r, NULL, local, 3, skipped);
	cr_assert_not_null(m);
	xovn_errors_init(&errs);
	cr_assert_eq(xovn_model_validate(m, &errs), 0);
	cr_assert_eq(json_array_size(json_object_get(m, "logical_switches")), 1, "the router is no switch");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(
		json_object_get(m, "logical_routers"), 0), "name")), "lr1");
	sw = json_array_get(json_object_get(m, "logical_switches"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(sw, "name")), "ls1");
	cr_assert_eq(json_integer_value(json_object_get(sw, "tunnel_key")), 7);
	ports = json_object_get(sw, "ports");
	cr_assert_eq(json_array_size(ports), 4, "vm1, vm2, md, the patch port; the bad name left out");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(ports, 0), "name")), "vm1");
	cr_assert_eq(json_integer_value(json_object_get(json_array_get(ports, 1), "tunnel_key")), 2);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(ports, 2), "type")), "localport");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(ports, 3), "type")), "router",
			 "a patch port on a switch is a port of type router");
	cr_assert(tmf_lines_have(skipped, "port bad name: refused by the validator"));
	cr_assert(!tmf_lines_have(skipped, "lr1"));
	/* vm2 lives on hv2 (its Port_Binding.chassis); vm1 is ours, from the local vifs. */
	b = json_object_get(m, "bindings");
	cr_assert_eq(json_array_size(b), 1);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(b, 0), "port")), "vm2");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(b, 0), "chassis")), "hv2");
	cr_assert_not_null(xovn_find_chassis(m, "hv1"));
	cr_assert_str_eq(json_string_value(json_object_get(json_object_get(
		xovn_find_chassis(m, "hv2"), "encap"), "ip")), "192.0.2.2");
	cr_assert_eq(json_integer_value(json_object_get(m, "generation")), 3);
	xovn_errors_free(&errs);
	json_decref(m);
	json_decref(skipped);
	json_decref(local);
	ovsdb_replica_free(&r);
}

/* ---- rows a chassis writes --------------------------------------------------------- */

static const char *op_table(const json_t *ops, size_t i)
{
	return json_string_value(json_object_get(json_array_get(ops, i), "table"));
}

/* ops[i] is op on table. */
static void expect_op(const json_t *ops, size_t i, const char *op, const char *table)
{
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(ops, i), "op")), op,
			 "op %zu", i);
	cr_assert_str_eq(op_table(ops, i), table, "op %zu", i);
}

/* Member key of the row ops[i] writes. */
static json_t *op_row_member(const json_t *ops, size_t i, const char *key)
{
	return json_object_get(json_object_get(json_array_get(ops, i), "row"), key);
}

Test(ovsdb_sb_rows, a_new_chassis_registers_then_claims_then_reports)
{
	json_t *vifs = tmf_json("[{\"iface\": \"tap1\", \"port\": \"vm1\"}]"), *ops = json_array(), *u;
	struct sb_chassis_want w = { .name = "hv1", .hostname = "h", .encap_ip = "192.0.2.1",
				     .vifs = vifs, .nb_cfg = 4 };
	struct ovsdb_replica r;

	replica_from(&r, sb_rows);
	/* Not registered: Encap, Chassis, Chassis_Private, and vm1's claim in one go. */
	cr_assert_eq(sb_rows_ops(&r, &w, ops), 4);
	expect_op(ops, 0, "insert", "Encap");
	expect_op(ops, 1, "insert", "Chassis");
	expect_op(ops, 2, "insert", "Chassis_Private");
	expect_op(ops, 3, "update", "Port_Binding");
	json_array_clear(ops);

	/* Registered and vm1 claimed by us: only nb_cfg is left to report. */
	u = tmf_json("{\"Chassis\": {\"" U(10) "\": {\"new\": {\"name\": \"hv1\", \"encaps\": [\"uuid\", \"" U(11) "\"],"
	      "    \"other_config\": [\"map\", [[\"ovn-bridge-mappings\", \"\"]]]}}},"
	      " \"Encap\": {\"" U(11) "\": {\"new\": {\"type\": \"geneve\", \"ip\": \"192.0.2.1\"}}},"
	      " \"Chassis_Private\": {\"" U(12) "\": {\"new\": {\"name\": \"hv1\", \"nb_cfg\": 0}}},"
	      " \"Port_Binding\": {\"" U(4) "\": {\"new\": {\"logical_port\": \"vm1\", \"type\": \"\","
	      "    \"datapath\": [\"uuid\", \"" U(1) "\"], \"chassis\": [\"uuid\", \"" U(10) "\"], \"up\": true}}}}");
	cr_assert_gt(ovsdb_replica_apply(&r, u), 0);
	json_decref(u);
	cr_assert_eq(sb_rows_ops(&r, &w, ops), 1);
	expect_op(ops, 0, "update", "Chassis_Private");
	cr_assert_eq(json_integer_value(op_row_member(ops, 0, "nb_cfg")), 4);
	json_array_clear(ops);

	/* The interface is gone: the claim is released. */
	json_array_clear(vifs);
	w.nb_cfg = -1;
	cr_assert_eq(sb_rows_ops(&r, &w, ops), 1);
	expect_op(ops, 0, "update", "Port_Binding");
	cr_assert_eq(ovsdb_set_size(op_row_member(ops, 0, "chassis")), 0);
	json_decref(ops);
	json_decref(vifs);
	ovsdb_replica_free(&r);
}

Test(ovsdb_sb_model, one_switch_rebuilt_equals_the_whole_build)
{
	json_t *local = tmf_json(local_row), *skipped = json_array(), *m, *sw, *bad, *port, *one;
	struct ovsdb_replica r;

	replica_from(&r, sb_rows);
	m = sb_model_build(&r, NULL, local, 1, skipped);
	cr_assert_not_null(m);
	sw = sb_model_switch(&r, U(1), skipped);
	cr_assert_not_null(sw);
	/* The whole build left out the bad name by validation; the switch alone still has it. */
	cr_assert_eq(json_array_size(json_object_get(sw, "ports")), 5);
	one = json_pack("[O]", sw);
	cr_assert_neq(sb_model_check_switches(m, one), 0,
		      "a switch with a name xovn cannot hold is refused");
	bad = json_object_get(sw, "ports");
	for (size_t i = 0; i < json_array_size(bad); i++) {
		port = json_array_get(bad, i);
		if (strcmp(json_string_value(json_object_get(port, "name")), "bad name") == 0)
			json_array_remove(bad, i--);
	}
	cr_assert(json_equal(sw, json_array_get(json_object_get(m, "logical_switches"), 0)),
		  "the rebuilt switch is the whole build's switch");
	cr_assert_eq(sb_model_check_switches(m, one), 0);
	json_decref(one);
	cr_assert_null(sb_model_switch(&r, U(2), skipped), "a router datapath is no switch");
	json_decref(sw);
	json_decref(m);
	json_decref(skipped);
	json_decref(local);
	ovsdb_replica_free(&r);
}

Test(ovsdb_sb_rows, requested_chassis_elsewhere_is_not_claimed_and_not_local)
{
	json_t *vifs = tmf_json("[{\"iface\": \"tap1\", \"port\": \"vm1\"}]"), *ops = json_array(), *u, *m;
	json_t *local = tmf_json(local_row), *skipped = json_array();
	struct sb_chassis_want w = { .name = "hv1", .hostname = "h", .encap_ip = "192.0.2.1",
				     .vifs = vifs, .nb_cfg = -1 };
	struct ovsdb_replica r;

	replica_from(&r, sb_rows);
	u = tmf_json("{\"Port_Binding\": {\"" U(4) "\": {\"new\": {\"logical_port\": \"vm1\", \"type\": \"\","
	      "  \"tunnel_key\": 1, \"datapath\": [\"uuid\", \"" U(1) "\"],"
	      "  \"options\": [\"map\", [[\"requested-chassis\", \"hv2,hv3\"]]]}}}}");
	cr_assert_gt(ovsdb_replica_apply(&r, u), 0);
	json_decref(u);
	sb_rows_ops(&r, &w, ops);
	for (size_t i = 0; i < json_array_size(ops); i++) {
		cr_assert_str_neq(op_table(ops, i), "Port_Binding", "vm1 is requested on hv2 or hv3: no claim");
	}
	m = sb_model_build(&r, NULL, local, 1, skipped);
	cr_assert_eq(json_array_size(json_object_get(xovn_find_chassis(m, "hv1"), "vifs")), 0,
		     "its interface here does not make it local");
	cr_assert(sb_requested_here("hv2,hv1", "hv1", NULL));
	cr_assert(!sb_requested_here("hv10,hv2", "hv1", "h"));
	cr_assert(sb_requested_here("h", "hv1", "h"), "a hostname counts too");
	json_decref(m);
	json_decref(skipped);
	json_decref(local);
	json_decref(ops);
	json_decref(vifs);
	ovsdb_replica_free(&r);
}

Test(ovsdb_sb_model, multicast_keys_other_than_ovns_leave_the_switch_out)
{
	json_t *local = tmf_json(local_row), *skipped = json_array(), *m, *u;
	struct ovsdb_replica r;

	replica_from(&r, sb_rows);
	u = tmf_json("{\"Multicast_Group\": {"
	      " \"" U(13) "\": {\"new\": {\"name\": \"_MC_flood\", \"tunnel_key\": 32768, \"datapath\": [\"uuid\", \"" U(1) "\"]}},"
	      " \"" U(14) "\": {\"new\": {\"name\": \"_MC_unknown\", \"tunnel_key\": 32769, \"datapath\": [\"uuid\", \"" U(1) "\"]}}}}");
	cr_assert_gt(ovsdb_replica_apply(&r, u), 0);
	json_decref(u);
	m = sb_model_build(&r, NULL, local, 1, skipped);
	cr_assert_eq(json_array_size(json_object_get(m, "logical_switches")), 1, "OVN's keys: kept");
	json_decref(m);
	u = tmf_json("{\"Multicast_Group\": {\"" U(14) "\": {\"new\": {\"name\": \"_MC_unknown\", \"tunnel_key\": 32770, \"datapath\": [\"uuid\", \"" U(1) "\"]}}}}");
	cr_assert_gt(ovsdb_replica_apply(&r, u), 0);
	json_decref(u);
	m = sb_model_build(&r, NULL, local, 2, skipped);
	cr_assert_eq(json_array_size(json_object_get(m, "logical_switches")), 0,
		     "a key xovn would not send: the switch is left out");
	cr_assert(tmf_lines_have(skipped, "datapath ls1: its _MC_unknown key 32770"));
	json_decref(m);
	json_decref(skipped);
	json_decref(local);
	ovsdb_replica_free(&r);
}
