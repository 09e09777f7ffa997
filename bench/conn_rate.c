// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * conn_rate.c - new TCP connections per second (bench/nat_topo.sh).
 *
 *   conn_rate serve PORT SECONDS            accepts and closes connections
 *                                           until SECONDS have passed
 *   conn_rate connect IP PORT SECONDS MAX   connects and closes, one after
 *                                           the other, for SECONDS or MAX
 *                                           connections; prints connections/s
 *
 * Each connection completes its handshake (connect returns) and is then
 * closed with a reset (SO_LINGER 0), so the client keeps no TIME_WAIT and
 * the rate measures the path's handshake, not the client's port supply.
 * Every wait is bounded: a connect that does not complete within a second
 * is counted as lost (a SYN dropped anywhere on a loaded machine, the
 * server's accept queue included) and the run goes on; more than 1% lost
 * ends it with an error, since the rate would then measure the losses.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int serve(int port, double secs)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	double end = now_s() + secs;
	int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(s, 1024) < 0) {
		perror("conn_rate serve");
		return 1;
	}
	while (now_s() < end) {
		struct pollfd p = { .fd = s, .events = POLLIN };
		int c;

		if (poll(&p, 1, 100) <= 0)
			continue;
		c = accept(s, NULL, NULL);
		if (c >= 0)
			close(c);
	}
	close(s);
	return 0;
}

/* One connection: 0 when the handshake completed within a second. */
static int connect_once(const struct sockaddr_in *to)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	struct timeval tv = { .tv_sec = 1 };
	int rc, s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		return -1;
	setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	rc = connect(s, (const struct sockaddr *)to, sizeof(*to));
	if (rc < 0)
		fprintf(stderr, "conn_rate: connect: %s\n", strerror(errno));
	close(s);
	return rc;
}

static int run_client(const char *ip, int port, double secs, long max)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	double start, end, t;
	long n = 0, lost = 0;

	if (inet_pton(AF_INET, ip, &to.sin_addr) != 1) {
		fprintf(stderr, "conn_rate: \"%s\" is not an IPv4 address\n", ip);
		return 1;
	}
	start = now_s();
	end = start + secs;
	do {
		if (connect_once(&to) < 0 && ++lost > 5 + n / 100) {
			fprintf(stderr, "conn_rate: %ld of %ld connects lost\n", lost, n + 1);
			return 1;
		}
		n++;
		t = now_s();
	} while (t < end && n < max);
	if (lost)
		fprintf(stderr, "conn_rate: %ld of %ld connects lost\n", lost, n);
	printf("%.0f\n", (double)(n - lost) / (t - start));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "serve") == 0)
		return serve(atoi(argv[2]), atof(argv[3]));
	if (argc == 6 && strcmp(argv[1], "connect") == 0)
		return run_client(argv[2], atoi(argv[3]), atof(argv[4]), atol(argv[5]));
	fprintf(stderr, "usage: conn_rate serve PORT SECONDS | connect IP PORT SECONDS MAX\n");
	return 2;
}
