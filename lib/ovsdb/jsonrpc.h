/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * jsonrpc.h - one JSON-RPC 1.0 connection to an ovsdb-server (RFC 7047):
 * tcp:IP:PORT or unix:PATH, non-blocking, messages framed by the JSON
 * values themselves (no delimiters on the wire).
 */
#ifndef XOVN_OVSDB_JSONRPC_H
#define XOVN_OVSDB_JSONRPC_H

#include <jansson.h>
#include <stddef.h>

/* Where the framer stopped in the input and how deep it was there. */
struct jsonrpc_scan {
	size_t pos;
	int depth, in_string, escaped;
	unsigned long long arrays;  /* bit d: the container at depth d is an array */
};

struct jsonrpc {
	int fd;                 /* -1 when closed */
	char remote[256];
	char *in;               /* received bytes not parsed yet */
	size_t in_len, in_cap;
	struct jsonrpc_scan scan;
	char *out;              /* bytes not sent yet */
	size_t out_len, out_cap;
	long long next_id;
};

/*
 * Connects (blocking, bounded by a short timeout) to remote.  0 ok, -1
 * with err filled.
 */
int jsonrpc_open(struct jsonrpc *rpc, const char *remote, char *err, size_t err_len);
void jsonrpc_close(struct jsonrpc *rpc);

/* Queues msg and sends what the socket takes now.  -1: connection lost. */
int jsonrpc_send(struct jsonrpc *rpc, json_t *msg);
/* A request {"method", "params", "id"}; returns the id used (>= 0), -1 when lost. */
long long jsonrpc_request(struct jsonrpc *rpc, const char *method, json_t *params);
/* Sends queued bytes.  -1: connection lost. */
int jsonrpc_flush(struct jsonrpc *rpc);
/* Bytes are waiting to be sent (poll for POLLOUT too). */
int jsonrpc_pending(const struct jsonrpc *rpc);

/*
 * Reads what is available and returns the next complete message (a new
 * reference), NULL when none is complete yet.  *lost is set when the peer
 * closed or sent something that is not JSON.
 */
json_t *jsonrpc_recv(struct jsonrpc *rpc, int *lost);

#endif /* XOVN_OVSDB_JSONRPC_H */
