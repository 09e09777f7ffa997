// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* counters.c - summing per-CPU counters and measuring maps through their fds. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "counters.h"

int xovn_pin_dir(const char *chassis, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%s/%s", XOVN_PIN_ROOT, chassis);

	return (n < 0 || (size_t)n >= cap) ? -1 : 0;
}

int xovn_pin_open(const char *pin_dir, const char *name, char *err, size_t errlen)
{
	char path[4096];
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", pin_dir, name) >= sizeof(path)) {
		snprintf(err, errlen, "pin path too long: %s", pin_dir);
		return -1;
	}
	fd = bpf_obj_get(path);
	if (fd < 0)
		snprintf(err, errlen, "cannot open %s: %s%s", path, strerror(errno),
			 errno == ENOENT ? " (is xovnd running for this chassis?)" : "");
	return fd;
}

static int ncpus(void)
{
	int n = libbpf_num_possible_cpus();

	return n > 0 ? n : 1;
}

int xovn_read_drops(int drops_fd, struct xovn_drop_count out[XOVN_DROP__COUNT])
{
	int n = ncpus(), c;
	struct xovn_drop_count *per_cpu = calloc((size_t)n, sizeof(*per_cpu));
	uint32_t r;

	if (!per_cpu)
		return -1;
	memset(out, 0, sizeof(*out) * XOVN_DROP__COUNT);
	for (r = 0; r < XOVN_DROP__COUNT; r++) {
		if (bpf_map_lookup_elem(drops_fd, &r, per_cpu)) {
			free(per_cpu);
			return -1;
		}
		for (c = 0; c < n; c++) {
			out[r].packets += per_cpu[c].packets;
			out[r].bytes += per_cpu[c].bytes;
		}
	}
	free(per_cpu);
	return 0;
}

static void sum_port(const struct xovn_port_stats *per_cpu, int n, struct xovn_port_stats *sum)
{
	int c;

	memset(sum, 0, sizeof(*sum));
	for (c = 0; c < n; c++) {
		sum->rx_packets += per_cpu[c].rx_packets;
		sum->rx_bytes += per_cpu[c].rx_bytes;
		sum->tx_packets += per_cpu[c].tx_packets;
		sum->tx_bytes += per_cpu[c].tx_bytes;
	}
}

int xovn_read_port_stat(int stats_fd, const struct xovn_port_key *key,
			struct xovn_port_stats *sum)
{
	int n = ncpus();
	struct xovn_port_stats *per_cpu = calloc((size_t)n, sizeof(*per_cpu));
	int rc = 0;

	if (!per_cpu)
		return -1;
	memset(sum, 0, sizeof(*sum));
	if (bpf_map_lookup_elem(stats_fd, key, per_cpu) == 0)
		sum_port(per_cpu, n, sum);
	else if (errno != ENOENT)
		rc = -1;
	free(per_cpu);
	return rc;
}

int xovn_read_port_stats(int stats_fd, xovn_port_stats_cb cb, void *arg)
{
	struct xovn_port_key key, next;
	struct xovn_port_stats sum;
	void *prev = NULL;

	while (bpf_map_get_next_key(stats_fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		/* A key deleted between the two calls is simply skipped. */
		if (xovn_read_port_stat(stats_fd, &key, &sum))
			return -1;
		cb(&key, &sum, arg);
	}
	return errno == ENOENT ? 0 : -1;
}

int xovn_map_fill(int fd, uint32_t *entries, uint32_t *max_entries)
{
	struct bpf_map_info info;
	uint32_t info_len = sizeof(info);
	uint8_t key[256], next[256];
	void *prev = NULL;
	uint32_t n = 0;

	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &info_len) || info.key_size > sizeof(key))
		return -1;
	*max_entries = info.max_entries;
	/* Arrays always hold max_entries slots: they are full by construction. */
	if (info.type == BPF_MAP_TYPE_ARRAY || info.type == BPF_MAP_TYPE_PERCPU_ARRAY) {
		*entries = info.max_entries;
		return 0;
	}
	while (bpf_map_get_next_key(fd, prev, next) == 0) {
		memcpy(key, next, info.key_size);
		prev = key;
		n++;
	}
	*entries = n;
	return errno == ENOENT ? 0 : -1;
}
