// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * jsonrpc.c - RFC 7047 transport: a socket, an output queue, and a framer
 * that finds where one top-level JSON object ends (brace depth outside
 * strings) before jansson parses it, so a message split across reads is
 * never mistaken for a broken one.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ovsdb/jsonrpc.h"

#define CONNECT_TIMEOUT_MS 2000

static int parse_tcp(const char *spec, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128];
	const char *colon = strrchr(spec, ':');
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	long port;

	if (!colon || (size_t)(colon - spec) >= sizeof(host))
		return -1;
	memcpy(host, spec, (size_t)(colon - spec));
	host[colon - spec] = '\0';
	port = strtol(colon + 1, NULL, 10);
	if (port <= 0 || port > 65535)
		return -1;
	memset(ss, 0, sizeof(*ss));
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		host[strlen(host) - 1] = '\0';
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*in6);
		return inet_pton(AF_INET6, host + 1, &in6->sin6_addr) == 1 ? 0 : -1;
	}
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	*len = sizeof(*in4);
	return inet_pton(AF_INET, host, &in4->sin_addr) == 1 ? 0 : -1;
}

static int parse_remote(const char *remote, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_un *un = (struct sockaddr_un *)ss;

	if (strncmp(remote, "tcp:", 4) == 0)
		return parse_tcp(remote + 4, ss, len);
	if (strncmp(remote, "unix:", 5) == 0 && strlen(remote + 5) < sizeof(un->sun_path)) {
		memset(ss, 0, sizeof(*ss));
		un->sun_family = AF_UNIX;
		strcpy(un->sun_path, remote + 5);
		*len = sizeof(*un);
		return 0;
	}
	return -1;
}

/* connect() bounded by CONNECT_TIMEOUT_MS on a non-blocking socket. */
static int connect_bounded(int fd, const struct sockaddr_storage *ss, socklen_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int soerr = 0;
	socklen_t sl = sizeof(soerr);

	if (connect(fd, (const struct sockaddr *)ss, len) == 0)
		return 0;
	if (errno != EINPROGRESS)
		return -1;
	if (poll(&p, 1, CONNECT_TIMEOUT_MS) != 1) {
		errno = ETIMEDOUT;
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0 || soerr) {
		errno = soerr ? soerr : errno;
		return -1;
	}
	return 0;
}

int jsonrpc_open(struct jsonrpc *rpc, const char *remote, char *err, size_t err_len)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int one = 1;

	memset(rpc, 0, sizeof(*rpc));
	rpc->fd = -1;
	snprintf(rpc->remote, sizeof(rpc->remote), "%s", remote);
	if (parse_remote(remote, &ss, &len) < 0) {
		snprintf(err, err_len, "%s: not tcp:IP:PORT or unix:PATH", remote);
		return -1;
	}
	rpc->fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (rpc->fd < 0 || connect_bounded(rpc->fd, &ss, len) < 0) {
		snprintf(err, err_len, "%s: %s", remote, strerror(errno));
		jsonrpc_close(rpc);
		return -1;
	}
	if (ss.ss_family != AF_UNIX)
		setsockopt(rpc->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return 0;
}

void jsonrpc_close(struct jsonrpc *rpc)
{
	if (rpc->fd >= 0)
		close(rpc->fd);
	rpc->fd = -1;
	free(rpc->in);
	free(rpc->out);
	rpc->in = rpc->out = NULL;
	rpc->in_len = rpc->in_cap = rpc->out_len = rpc->out_cap = 0;
	memset(&rpc->scan, 0, sizeof(rpc->scan));
}

static int reserve(char **buf, size_t *cap, size_t need)
{
	size_t n = *cap ? *cap : 4096;
	char *p;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	p = realloc(*buf, n);
	if (!p)
		return -1;
	*buf = p;
	*cap = n;
	return 0;
}

int jsonrpc_flush(struct jsonrpc *rpc)
{
	while (rpc->out_len) {
		ssize_t n = send(rpc->fd, rpc->out, rpc->out_len, MSG_NOSIGNAL);

		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		memmove(rpc->out, rpc->out + n, rpc->out_len - (size_t)n);
		rpc->out_len -= (size_t)n;
	}
	return 0;
}

int jsonrpc_pending(const struct jsonrpc *rpc)
{
	return rpc->out_len > 0;
}

int jsonrpc_send(struct jsonrpc *rpc, json_t *msg)
{
	char *text = json_dumps(msg, JSON_COMPACT);
	size_t len;
	int rc = -1;

	json_decref(msg);
	if (!text || rpc->fd < 0)
		goto out;
	len = strlen(text);
	if (reserve(&rpc->out, &rpc->out_cap, rpc->out_len + len) < 0)
		goto out;
	memcpy(rpc->out + rpc->out_len, text, len);
	rpc->out_len += len;
	rc = jsonrpc_flush(rpc);
out:
	free(text);
	return rc;
}

long long jsonrpc_request(struct jsonrpc *rpc, const char *method, json_t *params)
{
	long long id = rpc->next_id++;

	if (jsonrpc_send(rpc, json_pack("{s:s, s:o, s:I}", "method", method, "params", params,
					"id", (json_int_t)id)) < 0)
		return -1;
	return id;
}

#define SCAN_BROKEN ((size_t)-1)
#define SCAN_MAX_DEPTH 64

/*
 * Advances the scan; returns the length of a complete value at the
 * buffer's start, 0 when more bytes are needed, SCAN_BROKEN when the
 * brackets do not match (or nest deeper than any OVSDB message does).
 */
static size_t scan_frame(struct jsonrpc_scan *s, const char *buf, size_t len)
{
	for (; s->pos < len; s->pos++) {
		char ch = buf[s->pos];

		if (s->in_string) {
			if (s->escaped)
				s->escaped = 0;
			else if (ch == '\\')
				s->escaped = 1;
			else if (ch == '"')
				s->in_string = 0;
		} else if (ch == '"') {
			s->in_string = 1;
		} else if (ch == '{' || ch == '[') {
			if (s->depth == SCAN_MAX_DEPTH)
				return SCAN_BROKEN;
			if (ch == '[')
				s->arrays |= 1ULL << s->depth;
			else
				s->arrays &= ~(1ULL << s->depth);
			s->depth++;
		} else if (ch == '}' || ch == ']') {
			if (s->depth == 0 || !!(s->arrays & (1ULL << (s->depth - 1))) != (ch == ']'))
				return SCAN_BROKEN;
			if (--s->depth == 0)
				return ++s->pos;
		} else if (s->depth == 0 && !strchr(" \t\r\n", ch)) {
			return SCAN_BROKEN;   /* every message is an object */
		}
	}
	return 0;
}

static json_t *take_frame(struct jsonrpc *rpc, int *lost)
{
	struct jsonrpc_scan *s = &rpc->scan;
	size_t skip = 0, end;
	json_error_t jerr;
	json_t *msg;

	/* Whitespace between messages. */
	while (s->pos == 0 && skip < rpc->in_len && strchr(" \t\r\n", rpc->in[skip]))
		skip++;
	if (skip) {
		memmove(rpc->in, rpc->in + skip, rpc->in_len - skip);
		rpc->in_len -= skip;
	}
	end = scan_frame(s, rpc->in, rpc->in_len);
	if (end == SCAN_BROKEN) {
		*lost = 1;
		return NULL;
	}
	if (!end)
		return NULL;
	msg = json_loadb(rpc->in, end, 0, &jerr);
	memmove(rpc->in, rpc->in + end, rpc->in_len - end);
	rpc->in_len -= end;
	memset(s, 0, sizeof(*s));
	if (!msg)
		*lost = 1;
	return msg;
}

json_t *jsonrpc_recv(struct jsonrpc *rpc, int *lost)
{
	json_t *msg;

	*lost = 0;
	if (rpc->fd < 0) {
		*lost = 1;
		return NULL;
	}
	msg = take_frame(rpc, lost);
	if (msg || *lost)
		return msg;
	for (;;) {
		ssize_t n;

		if (reserve(&rpc->in, &rpc->in_cap, rpc->in_len + 65536) < 0) {
			*lost = 1;
			return NULL;
		}
		n = recv(rpc->fd, rpc->in + rpc->in_len, rpc->in_cap - rpc->in_len, 0);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
			*lost = 1;
			return NULL;
		}
		if (n < 0)
			return NULL;
		rpc->in_len += (size_t)n;
		msg = take_frame(rpc, lost);
		if (msg || *lost)
			return msg;
	}
}
