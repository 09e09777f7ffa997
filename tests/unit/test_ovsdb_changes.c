// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_ovsdb_changes.c - what an SB update changes in the model
 * (lib/ovsdb/sb_changes.c) and the OVSDB messages a session reads
 * (lib/ovsdb/messages.c).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ovsdb/messages.h"
#include "ovsdb/replica.h"
#include "ovsdb/sb_changes.h"
#include "model_files.h"

/* A switch datapath (dp-sw) and a router datapath (dp-lr). */
static const char rows[] =
	"{\"Datapath_Binding\": {"
	"  \"dp-sw\": {\"new\": {\"tunnel_key\": 1, \"external_ids\": [\"map\", []]}},"
	"  \"dp-lr\": {\"new\": {\"tunnel_key\": 2, \"external_ids\": [\"map\","
	"              [[\"logical-router\", \"lr-uuid\"]]]}}}}";

struct change_case {
	const char *what;
	const char *updates;
	int any, full;
	const char *dp;      /* the one switch noted, NULL for none */
};

static const struct change_case change_cases[] = {
	{ "an nb_cfg report", "{\"Chassis_Private\": {\"c\": {\"old\": {\"nb_cfg\": 1},"
	  " \"new\": {\"nb_cfg\": 2}}}}", 0, 0, NULL },
	{ "the nb_cfg counter", "{\"SB_Global\": {\"g\": {\"old\": {\"nb_cfg\": 1},"
	  " \"new\": {\"nb_cfg\": 2}}}}", 0, 0, NULL },
	{ "a port reported up", "{\"Port_Binding\": {\"p\": {\"old\": {\"up\": [\"set\", []]},"
	  " \"new\": {\"up\": true, \"datapath\": [\"uuid\", \"dp-sw\"]}}}}", 0, 0, NULL },
	{ "a MAC changed", "{\"Port_Binding\": {\"p\": {\"old\": {\"mac\": \"a\"},"
	  " \"new\": {\"mac\": \"b\", \"datapath\": [\"uuid\", \"dp-sw\"]}}}}", 1, 0, "dp-sw" },
	{ "an unbound port added", "{\"Port_Binding\": {\"p\": {"
	  " \"new\": {\"datapath\": [\"uuid\", \"dp-sw\"], \"chassis\": [\"set\", []]}}}}",
	  1, 0, "dp-sw" },
	{ "a bound port added", "{\"Port_Binding\": {\"p\": {"
	  " \"new\": {\"datapath\": [\"uuid\", \"dp-sw\"], \"chassis\": [\"uuid\", \"ch\"]}}}}",
	  1, 1, NULL },
	{ "a port moved chassis", "{\"Port_Binding\": {\"p\": {\"old\": {\"chassis\": [\"set\", []]},"
	  " \"new\": {\"datapath\": [\"uuid\", \"dp-sw\"]}}}}", 1, 1, NULL },
	{ "requested-chassis changed", "{\"Port_Binding\": {\"p\": {\"old\": {\"options\":"
	  " [\"map\", [[\"requested-chassis\", \"hv1\"]]]}, \"new\": {\"options\":"
	  " [\"map\", [[\"requested-chassis\", \"hv2\"]]], \"datapath\": [\"uuid\", \"dp-sw\"]}}}}",
	  1, 1, NULL },
	{ "a router's port changed", "{\"Port_Binding\": {\"p\": {\"old\": {\"mac\": \"a\"},"
	  " \"new\": {\"mac\": \"b\", \"datapath\": [\"uuid\", \"dp-lr\"]}}}}", 1, 1, NULL },
	{ "a chassis row", "{\"Chassis\": {\"c\": {\"new\": {\"name\": \"hv9\"}}}}", 1, 1, NULL },
};

Test(sb_changes, each_update_changes_what_it_should)
{
	struct ovsdb_replica sb;
	json_t *r = tmf_json(rows);

	ovsdb_replica_init(&sb);
	cr_assert_gt(ovsdb_replica_apply(&sb, r), 0);
	json_decref(r);
	for (size_t i = 0; i < sizeof(change_cases) / sizeof(change_cases[0]); i++) {
		const struct change_case *c = &change_cases[i];
		struct sb_changes ch;
		json_t *u = tmf_json(c->updates), *dps;
		int full;

		sb_changes_init(&ch);
		sb_changes_note(&ch, &sb, u);
		cr_assert_eq(sb_changes_any(&ch), c->any, "%s: any", c->what);
		full = sb_changes_take(&ch, &dps);
		cr_assert_eq(full, c->full, "%s: full", c->what);
		cr_assert_eq(json_object_size(dps), c->dp ? 1u : 0u, "%s: switches", c->what);
		if (c->dp)
			cr_assert_not_null(json_object_get(dps, c->dp), "%s: %s", c->what, c->dp);
		cr_assert_not(sb_changes_any(&ch), "%s: taken", c->what);
		json_decref(dps);
		json_decref(u);
		sb_changes_free(&ch);
	}
	ovsdb_replica_free(&sb);
}

Test(sb_changes, nb_cfg_from_sb_global)
{
	struct ovsdb_replica sb;
	json_t *r = tmf_json("{\"SB_Global\": {\"g\": {\"new\": {\"nb_cfg\": 7}}}}");

	ovsdb_replica_init(&sb);
	cr_assert_eq(sb_global_nb_cfg(&sb), -1, "no row: unknown");
	cr_assert_gt(ovsdb_replica_apply(&sb, r), 0);
	cr_assert_eq(sb_global_nb_cfg(&sb), 7);
	cr_assert_eq(ovsdb_replica_count(&sb, "SB_Global"), 1);
	cr_assert_eq(ovsdb_replica_count(&sb, "Chassis"), 0);
	json_decref(r);
	ovsdb_replica_free(&sb);
}

struct server_case {
	const char *updates;
	int disconnected;
};

static const struct server_case server_cases[] = {
	{ "{\"Database\": {\"d\": {\"new\": {\"name\": \"OVN_Southbound\","
	  " \"model\": \"clustered\", \"connected\": false}}}}", 1 },
	{ "{\"Database\": {\"d\": {\"new\": {\"name\": \"OVN_Southbound\","
	  " \"model\": \"clustered\", \"connected\": true}}}}", 0 },
	{ "{\"Database\": {\"d\": {\"new\": {\"name\": \"OVN_Southbound\","
	  " \"model\": \"standalone\", \"connected\": false}}}}", 0 },
	{ "{\"Database\": {\"d\": {\"new\": {\"name\": \"OVN_Northbound\","
	  " \"model\": \"clustered\", \"connected\": false}}}}", 0 },
	{ "{}", 0 },
};

Test(ovsdb_messages, a_cluster_member_cut_off_is_left)
{
	for (size_t i = 0; i < sizeof(server_cases) / sizeof(server_cases[0]); i++) {
		json_t *u = tmf_json(server_cases[i].updates);

		cr_assert_eq(ovsdb_server_disconnected(u, "OVN_Southbound"),
			     server_cases[i].disconnected, "%s", server_cases[i].updates);
		json_decref(u);
	}
}

static void collect(const char *error, const char *details, void *arg)
{
	char *out = arg;

	strcat(out, error);
	strcat(out, "/");
	strcat(out, details);
	strcat(out, ";");
}

Test(ovsdb_messages, replies_and_updates_read)
{
	json_t *reply = tmf_json("{\"id\": 4, \"error\": null, \"result\": [{}, {\"error\": \"constraint"
			  " violation\", \"details\": \"dup\"}, {\"error\": \"aborted\"}]}");
	json_t *refused = tmf_json("{\"id\": 5, \"error\": \"unknown database\", \"result\": null}");
	json_t *update = tmf_json("{\"method\": \"update\", \"id\": null, \"params\": [\"xovn\", {\"T\": {}}]}");
	json_t *echo = tmf_json("{\"method\": \"echo\", \"id\": \"e1\", \"params\": [1]}"), *answer;
	const json_t *updates;
	char errors[256] = "";

	cr_assert_null(ovsdb_msg_method(reply));
	cr_assert(ovsdb_msg_answers(reply, 4));
	cr_assert_not(ovsdb_msg_answers(reply, 5));
	cr_assert_not(ovsdb_msg_answers(update, -1), "a null id answers nothing");
	cr_assert_not(ovsdb_msg_failed(reply));
	cr_assert(ovsdb_msg_failed(refused));
	ovsdb_txn_errors(reply, collect, errors);
	cr_assert_str_eq(errors, "constraint violation/dup;aborted/;");
	cr_assert_str_eq(ovsdb_msg_method(update), "update");
	cr_assert_str_eq(ovsdb_msg_update(update, &updates), "xovn");
	cr_assert(json_is_object(json_object_get(updates, "T")));
	answer = ovsdb_echo_reply(echo);
	cr_assert_str_eq(json_string_value(json_object_get(answer, "id")), "e1");
	cr_assert(json_equal(json_object_get(answer, "result"), json_object_get(echo, "params")));
	cr_assert(json_is_null(json_object_get(answer, "error")));
	json_decref(answer);
	json_decref(reply);
	json_decref(refused);
	json_decref(update);
	json_decref(echo);
}
