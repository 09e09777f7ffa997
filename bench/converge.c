// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * converge.c - how long one ovn-nbctl change takes to reach every chassis.
 *
 *   bench_converge --nb REMOTE --port P --dp KEY --ports N --reps R [--warmup W] PIN_DIR...
 *
 * Each repetition (R of each kind) gives logical port P a new MAC with `ovn-nbctl
 * lsp-set-addresses` and polls every chassis' pinned xovn_fdb_v2 (switch
 * tunnel key KEY) until the MAC is there.  The first W repetitions (default
 * 2) are not reported: the chassis may still be settling the start (each
 * claim of a port by its chassis is a change for all the others).  Rows
 * (tab-separated):
 *   converge N chassis_max REP NS    from ovn-nbctl's exit to the last chassis
 *   converge N chassis_median REP NS ... to the median chassis
 *   converge N wait_hv REP NS        `ovn-nbctl --wait=hv lsp-set-addresses`, end to end
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "xovn_maps.h"

#define MAX_CHASSIS 64
#define TIMEOUT_NS 30e9

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* ovn-nbctl --db NB [--wait=hv] lsp-set-addresses PORT MAC; 0 when it succeeded. */
static int nbctl_set_mac(const char *nb, const char *port, const char *mac, int wait_hv)
{
	char db[512];
	pid_t pid;
	int status;

	snprintf(db, sizeof(db), "--db=%s", nb);
	pid = fork();
	if (pid == 0) {
		if (wait_hv)
			execlp("ovn-nbctl", "ovn-nbctl", db, "--wait=hv", "lsp-set-addresses", port, mac,
			       (char *)NULL);
		else
			execlp("ovn-nbctl", "ovn-nbctl", db, "lsp-set-addresses", port, mac,
			       (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int fdb_has(int fd, unsigned dp, const unsigned char mac[6])
{
	struct xovn_fdb_key key = { .dp_key = dp };
	struct xovn_fdb_val val;

	memcpy(key.mac, mac, 6);
	return bpf_map_lookup_elem(fd, &key, &val) == 0;
}

int main(int argc, char **argv)
{
	const char *nb = NULL, *port = NULL;
	unsigned dp = 0;
	long ports = 0;
	int reps = 5, warmup = 2, n = 0, fds[MAX_CHASSIS], i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--nb") && i + 1 < argc) nb = argv[++i];
		else if (!strcmp(argv[i], "--port") && i + 1 < argc) port = argv[++i];
		else if (!strcmp(argv[i], "--dp") && i + 1 < argc) dp = (unsigned)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--ports") && i + 1 < argc) ports = atol(argv[++i]);
		else if (!strcmp(argv[i], "--reps") && i + 1 < argc) reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--warmup") && i + 1 < argc) warmup = atoi(argv[++i]);
		else if (n < MAX_CHASSIS) {
			char path[512];

			snprintf(path, sizeof(path), "%s/xovn_fdb_v2", argv[i]);
			fds[n] = bpf_obj_get(path);
			if (fds[n] < 0) {
				fprintf(stderr, "bench_converge: %s: cannot open\n", path);
				return 1;
			}
			n++;
		}
	}
	if (!nb || !port || !dp || !n) {
		fprintf(stderr, "usage: bench_converge --nb REMOTE --port P --dp KEY --ports N "
				"--reps R PIN_DIR...\n");
		return 1;
	}
	for (int rep = -2 * warmup; rep < 2 * reps; rep++) {
		unsigned r = (unsigned)(rep + 2 * warmup);
		unsigned char mac[6] = { 0x02, 0xcc, 0, 0, (unsigned char)(r >> 8), (unsigned char)r };
		double t0, when[MAX_CHASSIS], last = 0;
		char text[32];
		int left = n, wait_hv = r % 2;

		snprintf(text, sizeof(text), "02:cc:00:00:%02x:%02x", mac[4], mac[5]);
		t0 = now_ns();
		if (nbctl_set_mac(nb, port, text, wait_hv) < 0) {
			fprintf(stderr, "bench_converge: ovn-nbctl failed\n");
			return 1;
		}
		if (wait_hv) {
			if (rep >= 0)
				printf("converge\t%ld\twait_hv\t%d\t%.0f\n", ports, rep / 2, now_ns() - t0);
			continue;
		}
		t0 = now_ns();
		for (i = 0; i < n; i++)
			when[i] = -1;
		while (left && now_ns() - t0 < TIMEOUT_NS) {
			for (i = 0; i < n; i++) {
				if (when[i] < 0 && fdb_has(fds[i], dp, mac)) {
					when[i] = now_ns() - t0;
					left--;
				}
			}
			usleep(200);
		}
		if (left) {
			fprintf(stderr, "bench_converge: %d chassis never got the change:", left);
			for (i = 0; i < n; i++)
				if (when[i] < 0)
					fprintf(stderr, " %d", i);
			fputc('\n', stderr);
			return 1;
		}
		for (i = 0; i < n; i++)
			last = when[i] > last ? when[i] : last;
		qsort(when, (size_t)n, sizeof(when[0]), cmp_double);
		if (rep >= 0) {
			printf("converge\t%ld\tchassis_max\t%d\t%.0f\n", ports, rep / 2, last);
			printf("converge\t%ld\tchassis_median\t%d\t%.0f\n", ports, rep / 2,
			       when[n / 2]);
			fflush(stdout);
		}
	}
	return 0;
}
