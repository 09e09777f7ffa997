// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* counters.c - summing per-CPU counters and measuring maps through their fds. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "dataplane/counters.h"
#include "util/grow.h"

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

/* One port's counts, summed over the CPU copies (and slots) that name it as owner. */
struct owner_sum {
	struct xovn_port_key key;
	struct xovn_port_stats sum;
};

struct owner_sums {
	struct owner_sum *v;
	size_t n, cap;
};

int xovn_port_key_cmp(const void *a, const void *b)
{
	const struct xovn_port_key *x = a, *y = b;

	if (x->dp_key != y->dp_key)
		return x->dp_key < y->dp_key ? -1 : 1;
	return (x->port_key > y->port_key) - (x->port_key < y->port_key);
}

static int sums_add(struct owner_sums *s, const struct xovn_port_stats *c)
{
	struct owner_sum *o = xovn_append(&s->v, &s->n, &s->cap, sizeof(*s->v), 256);

	if (!o)
		return -1;
	o->key.dp_key = c->owner.dp_key;
	o->key.port_key = c->owner.port_key;
	o->sum = *c;
	return 0;
}

/* Sorts by owner and folds equal owners into one entry. */
static void sums_merge(struct owner_sums *s)
{
	size_t i, out = 0;

	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), xovn_port_key_cmp);
	for (i = 0; i < s->n; i++) {
		struct owner_sum *o = &s->v[out - (out > 0)];

		if (out > 0 && xovn_port_key_cmp(o, &s->v[i]) == 0) {
			o->sum.rx_packets += s->v[i].sum.rx_packets;
			o->sum.rx_bytes += s->v[i].sum.rx_bytes;
			o->sum.tx_packets += s->v[i].sum.tx_packets;
			o->sum.tx_bytes += s->v[i].sum.tx_bytes;
		} else {
			s->v[out++] = s->v[i];
		}
	}
	s->n = out;
}

#define XOVN_STATS_BATCH 4096u

/* Every CPU copy in vals (n slots of ncpu copies) that has an owner goes into s. */
static int take_owned(const struct xovn_port_stats *vals, uint32_t n, int ncpu,
		      struct owner_sums *s)
{
	size_t i, total = (size_t)n * ncpu;

	for (i = 0; i < total; i++)
		if (vals[i].owner.dp_key && sums_add(s, &vals[i]))
			return -1;
	return 0;
}

/* The counters of every port that ever counted, summed per port. */
static int read_all(int stats_fd, struct owner_sums *s)
{
	int ncpu = ncpus(), rc = 0, done = 0;
	uint32_t keys[XOVN_STATS_BATCH], in_batch = 0, out_batch = 0, count;
	struct xovn_port_stats *vals = calloc((size_t)XOVN_STATS_BATCH * ncpu, sizeof(*vals));
	void *in = NULL;

	if (!vals)
		return -1;
	while (!done && rc == 0) {
		count = XOVN_STATS_BATCH;
		/* The kernel's batch walk: far fewer syscalls than one per slot. */
		if (bpf_map_lookup_batch(stats_fd, in, &out_batch, keys, vals, &count, NULL)) {
			if (errno != ENOENT)
				rc = -1;
			done = 1;
		}
		if (rc == 0)
			rc = take_owned(vals, count, ncpu, s);
		in_batch = out_batch;
		in = &in_batch;
	}
	free(vals);
	if (rc == 0)
		sums_merge(s);
	return rc;
}

int xovn_read_port_stat(int stats_fd, const struct xovn_port_key *key,
			struct xovn_port_stats *sum)
{
	struct owner_sums s = { 0 };
	struct owner_sum want = { .key = *key }, *hit;
	int rc = read_all(stats_fd, &s);

	memset(sum, 0, sizeof(*sum));
	want.key.pad = 0;
	hit = rc == 0 ? bsearch(&want, s.v, s.n, sizeof(*s.v), xovn_port_key_cmp) : NULL;
	if (hit)
		*sum = hit->sum;
	free(s.v);
	return rc;
}

int xovn_read_port_stats(int stats_fd, xovn_port_stats_cb cb, void *arg)
{
	struct owner_sums s = { 0 };
	size_t i;
	int rc = read_all(stats_fd, &s);

	for (i = 0; rc == 0 && i < s.n; i++)
		cb(&s.v[i].key, &s.v[i].sum, arg);
	free(s.v);
	return rc;
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
