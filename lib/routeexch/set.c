// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* set.c - the advertised set: adding, ordering, comparing (advertise.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "routeexch/advertise.h"
#include "util/grow.h"

void xovn_adv_set_init(struct xovn_adv_set *s)
{
	memset(s, 0, sizeof(*s));
}

void xovn_adv_set_free(struct xovn_adv_set *s)
{
	free(s->routes);
	free(s->tables);
	xovn_adv_set_init(s);
}

static const void *addr_of(const struct xovn_ip *ip)
{
	return ip->family == AF_INET ? (const void *)&ip->v4 : (const void *)&ip->v6;
}

static size_t addr_len(const struct xovn_ip *ip)
{
	return ip->family == AF_INET ? 4 : 16;
}

static int adv_route_cmp(const void *pa, const void *pb)
{
	const struct xovn_adv_route *a = pa, *b = pb;
	int c;

	if (a->table != b->table)
		return a->table < b->table ? -1 : 1;
	if (a->prefix.family != b->prefix.family)
		return a->prefix.family < b->prefix.family ? -1 : 1;
	c = memcmp(addr_of(&a->prefix), addr_of(&b->prefix), addr_len(&a->prefix));
	if (c)
		return c;
	return a->prefix.plen < b->prefix.plen ? -1 : a->prefix.plen > b->prefix.plen;
}

static int table_cmp(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	return a < b ? -1 : a > b;
}

int xovn_adv_set_add(struct xovn_adv_set *s, uint32_t table, const struct xovn_ip *prefix)
{
	struct xovn_adv_route *r = xovn_append(&s->routes, &s->n_routes, &s->cap_routes,
					       sizeof(*s->routes), 16);

	if (!r)
		return -1;
	r->table = table;
	r->prefix.family = prefix->family;
	r->prefix.plen = prefix->plen;
	if (prefix->family == AF_INET)
		r->prefix.v4 = prefix->v4;
	else
		r->prefix.v6 = prefix->v6;
	return 0;
}

int xovn_adv_set_add_table(struct xovn_adv_set *s, uint32_t table)
{
	uint32_t *t = xovn_append(&s->tables, &s->n_tables, &s->cap_tables, sizeof(*s->tables), 4);

	if (!t)
		return -1;
	*t = table;
	return 0;
}

/* Sorts both lists and drops duplicates (two ports on one network, a table twice). */
void xovn_adv_set_finish(struct xovn_adv_set *s)
{
	size_t n = 0;

	if (s->n_routes)
		qsort(s->routes, s->n_routes, sizeof(*s->routes), adv_route_cmp);
	for (size_t i = 0; i < s->n_routes; i++)
		if (n == 0 || adv_route_cmp(&s->routes[n - 1], &s->routes[i]) != 0)
			s->routes[n++] = s->routes[i];
	s->n_routes = n;
	n = 0;
	if (s->n_tables)
		qsort(s->tables, s->n_tables, sizeof(*s->tables), table_cmp);
	for (size_t i = 0; i < s->n_tables; i++)
		if (n == 0 || s->tables[n - 1] != s->tables[i])
			s->tables[n++] = s->tables[i];
	s->n_tables = n;
}

int xovn_adv_set_equal(const struct xovn_adv_set *a, const struct xovn_adv_set *b)
{
	if (a->n_routes != b->n_routes || a->n_tables != b->n_tables)
		return 0;
	for (size_t i = 0; i < a->n_routes; i++)
		if (adv_route_cmp(&a->routes[i], &b->routes[i]) != 0)
			return 0;
	return a->n_tables == 0 || memcmp(a->tables, b->tables, a->n_tables * sizeof(*a->tables)) == 0;
}

int xovn_adv_set_has_table(const struct xovn_adv_set *s, uint32_t table)
{
	return s->n_tables &&
	       bsearch(&table, s->tables, s->n_tables, sizeof(*s->tables), table_cmp) != NULL;
}

int xovn_adv_set_has(const struct xovn_adv_set *s, const struct xovn_adv_route *r)
{
	return s->n_routes &&
	       bsearch(r, s->routes, s->n_routes, sizeof(*s->routes), adv_route_cmp) != NULL;
}
