// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * mac_binding_age.c - forgets learned neighbours older than their router's
 * options:mac_binding_age_threshold (see mac_binding_age.h).
 *
 * This runs in xovnd, off the packet path: the datapath only stamps, so a
 * packet never pays for aging.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "dataplane/mac_binding_age.h"
#include "model/types.h"
#include "xovn_maps.h"

/* Seconds as OVN reads the option: a whole positive number, else no aging. */
static uint64_t threshold_ns(const char *s)
{
	char *end;
	unsigned long long secs;

	if (!s || !*s)
		return 0;
	errno = 0;
	secs = strtoull(s, &end, 10);
	if (errno || *end || secs == 0 || secs > UINT64_MAX / 1000000000ull)
		return 0;
	return secs * 1000000000ull;
}

static int rule_cmp(const void *a, const void *b)
{
	const struct xovn_age_rule *x = a, *y = b;

	return (x->rtr_key > y->rtr_key) - (x->rtr_key < y->rtr_key);
}

int xovn_age_rules_from_model(const struct xovn_model *m, struct xovn_age_rules *out)
{
	out->v = NULL;
	out->n = 0;
	if (!m || !m->n_routers)
		return 0;
	out->v = calloc(m->n_routers, sizeof(*out->v));
	if (!out->v)
		return -1;
	for (size_t i = 0; i < m->n_routers; i++) {
		const struct xovn_lr *lr = &m->routers[i];
		uint64_t ns = threshold_ns(xovn_smap_get(&lr->options, "mac_binding_age_threshold"));

		if (ns && lr->tunnel_key > 0)
			out->v[out->n++] = (struct xovn_age_rule){ (uint32_t)lr->tunnel_key, ns };
	}
	qsort(out->v, out->n, sizeof(*out->v), rule_cmp);
	return 0;
}

void xovn_age_rules_free(struct xovn_age_rules *r)
{
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static uint64_t max_age_of(const struct xovn_age_rules *rules, uint32_t rtr_key)
{
	struct xovn_age_rule k = { .rtr_key = rtr_key };
	const struct xovn_age_rule *r = bsearch(&k, rules->v, rules->n, sizeof(k), rule_cmp);

	return r ? r->max_age_ns : 0;
}

static int is_stale(const struct xovn_age_rules *rules, const struct xovn_neigh_key *k,
		    const struct xovn_neigh_val *v, uint64_t now_ns)
{
	uint64_t max_age = max_age_of(rules, k->rtr_key);

	return max_age && now_ns > v->seen_ns && now_ns - v->seen_ns > max_age;
}

/* Appends k to the list of stale keys; -1 out of memory. */
static int stale_add(struct xovn_neigh_key **v, size_t *n, size_t *cap,
		     const struct xovn_neigh_key *k)
{
	if (*n == *cap) {
		size_t ncap = *cap ? 2 * *cap : 64;
		struct xovn_neigh_key *nv = realloc(*v, ncap * sizeof(**v));

		if (!nv)
			return -1;
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = *k;
	return 0;
}

int xovn_mac_binding_age(int map_fd, const struct xovn_age_rules *rules, uint64_t now_ns)
{
	/* The walk reads the next key into one slot while the other is its cursor. */
	struct xovn_neigh_key keys[2], *prev = NULL, *stale = NULL;
	struct xovn_neigh_val val;
	size_t n = 0, cap = 0;
	int deleted = 0, cur = 0;

	if (!rules->n)
		return 0;
	/* Deleting while walking would restart the walk: collect, then delete. */
	while (bpf_map_get_next_key(map_fd, prev, &keys[cur]) == 0) {
		prev = &keys[cur];
		cur ^= 1;
		if (bpf_map_lookup_elem(map_fd, prev, &val) != 0 ||
		    !is_stale(rules, prev, &val, now_ns))
			continue;
		if (stale_add(&stale, &n, &cap, prev) < 0) {
			free(stale);
			return -1;
		}
	}
	for (size_t i = 0; i < n; i++)
		deleted += bpf_map_delete_elem(map_fd, &stale[i]) == 0;
	free(stale);
	return deleted;
}
