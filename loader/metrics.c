// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * metrics.c - the HTTP side of --metrics: one listening socket, one thread,
 * one request per connection (HTTP/1.0 style, "Connection: close").
 *
 * Kept deliberately small: Prometheus sends a plain GET, and a scraper that
 * stalls must not hold the endpoint, so every connection has a short
 * receive/send timeout and is answered in turn.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "log.h"
#include "metrics.h"

#define REQUEST_MAX 2048
#define IO_TIMEOUT_MS 2000

struct metrics {
	int listen_fd;
	int stop_pipe[2];
	pthread_t thread;
	char *chassis, *pin_dir, *db;
};

/* "HOST:PORT" or "[V6HOST]:PORT" split in place; 0 ok. */
static int split_listen(char *s, char **host, char **port)
{
	char *colon = strrchr(s, ':');

	if (!colon || colon == s || !colon[1])
		return -1;
	*colon = '\0';
	*port = colon + 1;
	*host = s;
	if (s[0] == '[') {
		if (colon[-1] != ']')
			return -1;
		colon[-1] = '\0';
		*host = s + 1;
	}
	return 0;
}

static int bind_listen(const char *addr, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE };
	char *copy = strdup(addr), *host, *port;
	struct addrinfo *ai = NULL;
	int fd = -1, one = 1, rc;

	if (!copy || split_listen(copy, &host, &port)) {
		snprintf(err, errlen, "--metrics %s: expected ADDR:PORT (e.g. 127.0.0.1:9477)", addr);
		free(copy);
		return -1;
	}
	rc = getaddrinfo(host, port, &hints, &ai);
	if (rc) {
		snprintf(err, errlen, "--metrics %s: %s", addr, gai_strerror(rc));
		free(copy);
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 16)) {
		snprintf(err, errlen, "--metrics %s: %s", addr, strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	free(copy);
	return fd;
}

static void set_timeouts(int fd)
{
	struct timeval tv = { .tv_sec = IO_TIMEOUT_MS / 1000 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* Reads until the end of the request head (a blank line) or the buffer is full. */
static int read_request(int fd, char *buf, size_t cap)
{
	size_t len = 0;
	ssize_t n;

	while (len + 1 < cap) {
		n = recv(fd, buf + len, cap - 1 - len, 0);
		if (n <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		if (strstr(buf, "\r\n\r\n") || strstr(buf, "\n\n"))
			return 0;
	}
	buf[len] = '\0';
	return len ? 0 : -1;
}

static void send_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len) {
		n = send(fd, data, len, MSG_NOSIGNAL);
		if (n <= 0)
			return;
		data += n;
		len -= (size_t)n;
	}
}

static void respond(int fd, const char *status, const char *type, const char *body, size_t len)
{
	char head[256];
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
			 "Connection: close\r\n\r\n", status, type, len);

	send_all(fd, head, (size_t)n);
	send_all(fd, body, len);
}

static void serve_metrics(const struct metrics *m, int fd, int head_only)
{
	char *body = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&body, &len);
	int rc = out ? metrics_write(out, m->chassis, m->pin_dir, m->db) : -1;

	if (out)
		fclose(out);
	if (rc == 0)
		respond(fd, "200 OK", "text/plain; version=0.0.4; charset=utf-8", body,
			head_only ? 0 : len);
	else
		respond(fd, "503 Service Unavailable", "text/plain", "datapath maps unreadable\n", 25);
	free(body);
}

static void serve_one(const struct metrics *m, int fd)
{
	char req[REQUEST_MAX];
	int head = 0;

	set_timeouts(fd);
	if (read_request(fd, req, sizeof(req)))
		return;
	if (strncmp(req, "HEAD ", 5) == 0)
		head = 1;
	else if (strncmp(req, "GET ", 4) != 0) {
		respond(fd, "405 Method Not Allowed", "text/plain", "GET only\n", 9);
		return;
	}
	/* "/metrics", optionally with a query string (?name[]=... from some scrapers). */
	if (strncmp(req + 4 + head, "/metrics ", 9) && strncmp(req + 4 + head, "/metrics?", 9)) {
		respond(fd, "404 Not Found", "text/plain", "try /metrics\n", 13);
		return;
	}
	serve_metrics(m, fd, head);
}

static void *serve_loop(void *arg)
{
	struct metrics *m = arg;
	struct pollfd pfd[2] = { { .fd = m->listen_fd, .events = POLLIN },
				 { .fd = m->stop_pipe[0], .events = POLLIN } };
	int fd;

	for (;;) {
		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			break;
		if (pfd[1].revents)
			break;
		if (!(pfd[0].revents & POLLIN))
			continue;
		fd = accept4(m->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		serve_one(m, fd);
		close(fd);
	}
	return NULL;
}

static void metrics_free(struct metrics *m)
{
	if (m->listen_fd >= 0)
		close(m->listen_fd);
	if (m->stop_pipe[0] >= 0)
		close(m->stop_pipe[0]);
	if (m->stop_pipe[1] >= 0)
		close(m->stop_pipe[1]);
	free(m->chassis);
	free(m->pin_dir);
	free(m->db);
	free(m);
}

struct metrics *metrics_start(const char *addr, const char *chassis, const char *pin_dir,
			      const char *db, char *err, size_t errlen)
{
	struct metrics *m = calloc(1, sizeof(*m));

	if (!m) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	m->stop_pipe[0] = m->stop_pipe[1] = -1;
	m->chassis = strdup(chassis);
	m->pin_dir = strdup(pin_dir);
	m->db = strdup(db);
	m->listen_fd = bind_listen(addr, err, errlen);
	if (m->listen_fd < 0 || !m->chassis || !m->pin_dir || !m->db ||
	    pipe2(m->stop_pipe, O_CLOEXEC)) {
		metrics_free(m);
		return NULL;
	}
	if (pthread_create(&m->thread, NULL, serve_loop, m)) {
		snprintf(err, errlen, "cannot start the metrics thread");
		metrics_free(m);
		return NULL;
	}
	log_info("serving Prometheus metrics on http://%s/metrics", addr);
	return m;
}

void metrics_stop(struct metrics *m)
{
	if (!m)
		return;
	if (write(m->stop_pipe[1], "x", 1) == 1)
		pthread_join(m->thread, NULL);
	metrics_free(m);
}
