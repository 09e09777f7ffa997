// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * messages.c - OVSDB protocol messages (see messages.h).
 */
#include <string.h>

#include "ovsdb/datum.h"
#include "ovsdb/messages.h"

const char *ovsdb_msg_method(const json_t *msg)
{
	return json_string_value(json_object_get(msg, "method"));
}

int ovsdb_msg_answers(const json_t *msg, long long id)
{
	const json_t *idv = json_object_get(msg, "id");

	return json_is_integer(idv) && json_integer_value(idv) == id;
}

int ovsdb_msg_failed(const json_t *msg)
{
	const json_t *err = json_object_get(msg, "error");

	return err && !json_is_null(err);
}

const json_t *ovsdb_msg_result(const json_t *msg)
{
	return json_object_get(msg, "result");
}

const char *ovsdb_msg_update(const json_t *msg, const json_t **updates)
{
	const json_t *params = json_object_get(msg, "params");

	*updates = json_array_get(params, 1);
	return json_string_value(json_array_get(params, 0));
}

json_t *ovsdb_echo_reply(const json_t *msg)
{
	return json_pack("{s:O, s:O, s:n}", "id", json_object_get(msg, "id"), "result",
			 json_object_get(msg, "params"), "error");
}

json_t *ovsdb_echo_request(void)
{
	return json_pack("{s:s, s:[], s:s}", "method", "echo", "params", "id", "echo");
}

json_t *ovsdb_transact_params(const char *db)
{
	return json_pack("[s]", db);
}

json_t *ovsdb_server_monitor_params(const char *monitor_id)
{
	return json_pack("[s, s, {s:{s:[s, s, s]}}]", "_Server", monitor_id, "Database",
			 "columns", "name", "model", "connected");
}

json_t *ovsdb_monitor_params(const char *db, const char *monitor_id, json_t *requests)
{
	return json_pack("[s, s, o]", db, monitor_id, requests);
}

int ovsdb_server_disconnected(const json_t *updates, const char *db)
{
	const json_t *ru;
	const char *uuid;

	json_object_foreach(json_object_get(updates, "Database"), uuid, ru) {
		const json_t *row = json_object_get(ru, "new");
		const char *name = ovsdb_string(json_object_get(row, "name"));
		const char *model = ovsdb_string(json_object_get(row, "model"));

		if (!name || strcmp(name, db) != 0 || !model || strcmp(model, "clustered") != 0)
			continue;
		if (!ovsdb_boolean(json_object_get(row, "connected"), 1))
			return 1;
	}
	return 0;
}

void ovsdb_txn_errors(const json_t *msg,
		      void (*each)(const char *error, const char *details, void *arg), void *arg)
{
	const json_t *r;
	size_t i;

	json_array_foreach(json_object_get(msg, "result"), i, r) {
		const char *e = json_string_value(json_object_get(r, "error"));

		if (e)
			each(e, json_string_value(json_object_get(r, "details")) ?: "", arg);
	}
}
