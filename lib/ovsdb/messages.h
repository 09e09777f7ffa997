/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * messages.h - the OVSDB protocol's messages (RFC 7047) as a client reads
 * and writes them: requests it sends, the parts of replies and
 * notifications it looks at.  The session that drives a connection
 * (xovnd's loader/ovsdb_session.c) calls these and never walks the JSON.
 */
#ifndef XOVN_OVSDB_MESSAGES_H
#define XOVN_OVSDB_MESSAGES_H

#include <jansson.h>

/* The method of a request or notification; NULL for a reply. */
const char *ovsdb_msg_method(const json_t *msg);
/* Is msg the reply to request id? */
int ovsdb_msg_answers(const json_t *msg, long long id);
/* Has the reply a non-null error? */
int ovsdb_msg_failed(const json_t *msg);
/* The reply's result, NULL when absent. */
const json_t *ovsdb_msg_result(const json_t *msg);
/*
 * An "update" notification's monitor id (NULL when not a string) and,
 * in *updates, its table-updates.
 */
const char *ovsdb_msg_update(const json_t *msg, const json_t **updates);

/* The reply to an "echo" request (new reference). */
json_t *ovsdb_echo_reply(const json_t *msg);
/* An "echo" request, the inactivity probe (new reference). */
json_t *ovsdb_echo_request(void);
/* "transact" params for db, before its operations are appended (new reference). */
json_t *ovsdb_transact_params(const char *db);
/* "monitor" params for _Server's Database rows, monitored as monitor_id. */
json_t *ovsdb_server_monitor_params(const char *monitor_id);
/* "monitor" params for db (requests: a new reference, taken). */
json_t *ovsdb_monitor_params(const char *db, const char *monitor_id, json_t *requests);
/*
 * In _Server's table-updates: is db a clustered member that is not
 * connected to its cluster (it serves stale data and takes no writes)?
 */
int ovsdb_server_disconnected(const json_t *updates, const char *db);
/* Calls each(error, details, arg) for every failed operation of a "transact" reply. */
void ovsdb_txn_errors(const json_t *msg,
		      void (*each)(const char *error, const char *details, void *arg), void *arg);

#endif /* XOVN_OVSDB_MESSAGES_H */
