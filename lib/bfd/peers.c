// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * peers.c - which chassis share a gateway role with this one (peers.h).
 * Names are gathered, sorted and made unique; one pass over the model.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bfd/peers.h"
#include "util/name_index.h"

struct names {
	const char **v;
	size_t n, cap;
	int oom;
};

static void add(struct names *ns, const char *name)
{
	if (!name || ns->oom)
		return;
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 16;
		const char **v = realloc(ns->v, cap * sizeof(*v));

		if (!v) {
			ns->oom = 1;
			return;
		}
		ns->v = v;
		ns->cap = cap;
	}
	ns->v[ns->n++] = name;
}

/*
 * One gateway set: the chassis names of an HA group's members or of a
 * port's gateway_chassis, read in place (name at base + i * stride + off).
 */
struct gw_set {
	const char *base;
	size_t n, stride, off;
};

static const char *set_name(const struct gw_set *s, size_t i)
{
	return *(const char *const *)(s->base + i * s->stride + s->off);
}

static int set_has(const struct gw_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (set_name(s, i) && strcmp(set_name(s, i), name) == 0)
			return 1;
	return 0;
}

/* A member shares the set with every other member; routed means every chassis needs it. */
static void add_set(struct names *ns, const struct gw_set *s, const struct xovn_model *m,
		    const char *self, int routed)
{
	int member = set_has(s, self);

	if (member && routed) {
		for (size_t i = 0; i < m->n_chassis; i++)
			add(ns, m->chassis[i].name);
		return;
	}
	if (member || routed)
		for (size_t i = 0; i < s->n; i++)
			add(ns, set_name(s, i));
}

static void add_group(struct names *ns, const struct xovn_ha_group *g, const struct xovn_model *m,
		      const char *self, int routed)
{
	struct gw_set s = { (const char *)g->members, g->n_members, sizeof(*g->members),
			    offsetof(struct xovn_ha_member, chassis) };

	add_set(ns, &s, m, self, routed);
}

static void add_port(struct names *ns, const struct xovn_lrp *p, const struct xovn_model *m,
		     const char *self, const struct name_index *groups)
{
	const struct xovn_ha_group *g = p->ha_chassis_group ?
					name_index_get(groups, p->ha_chassis_group) : NULL;
	struct gw_set s = { (const char *)p->gateway_chassis, p->n_gateway_chassis,
			    sizeof(*p->gateway_chassis),
			    offsetof(struct xovn_gateway_chassis, chassis_name) };

	if (g)
		add_group(ns, g, m, self, 1);
	if (s.n)
		add_set(ns, &s, m, self, 1);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void gather(struct names *ns, const struct xovn_model *m, const char *self,
		   const struct name_index *groups)
{
	for (size_t i = 0; i < m->n_groups; i++)
		add_group(ns, &m->groups[i], m, self, 0);
	for (size_t r = 0; r < m->n_routers; r++)
		for (size_t i = 0; i < m->routers[r].n_ports; i++)
			add_port(ns, &m->routers[r].ports[i], m, self, groups);
}

/* Sorted unique names -> peers with an encap IP, this chassis left out. */
static int resolve(const struct names *ns, const struct xovn_model *m, const char *self,
		   struct bfd_peer_list *out)
{
	struct name_index chassis;
	int rc = 0;

	name_index_init(&chassis);
	for (size_t i = 0; i < m->n_chassis && rc == 0; i++)
		rc = m->chassis[i].name ? name_index_put_new(&chassis, m->chassis[i].name,
							     &m->chassis[i]) : 0;
	out->v = rc == 0 && ns->n ? calloc(ns->n, sizeof(*out->v)) : NULL;
	if (rc == 0 && ns->n && !out->v)
		rc = -1;
	for (size_t i = 0; i < ns->n && rc == 0; i++) {
		const struct xovn_chassis *ch = name_index_get(&chassis, ns->v[i]);

		if ((i && strcmp(ns->v[i], ns->v[i - 1]) == 0) || strcmp(ns->v[i], self) == 0 ||
		    !ch || !ch->encap_ip)
			continue;
		out->v[out->n++] = (struct bfd_peer){ ch->name, ch->encap_ip };
	}
	name_index_free(&chassis);
	return rc;
}

int bfd_peers_of(const struct xovn_model *m, const char *chassis, struct bfd_peer_list *out)
{
	struct names ns = { 0 };
	struct name_index groups;
	int rc = 0;

	out->v = NULL;
	out->n = 0;
	name_index_init(&groups);
	for (size_t i = 0; i < m->n_groups && rc == 0; i++)
		rc = m->groups[i].name ? name_index_put_new(&groups, m->groups[i].name,
							    &m->groups[i]) : 0;
	if (rc == 0)
		gather(&ns, m, chassis, &groups);
	if (rc == 0 && !ns.oom) {
		if (ns.n)
			qsort(ns.v, ns.n, sizeof(*ns.v), by_name);
		rc = resolve(&ns, m, chassis, out);
	} else {
		rc = -1;
	}
	free(ns.v);
	name_index_free(&groups);
	if (rc < 0)
		bfd_peers_free(out);
	return rc;
}

void bfd_peers_free(struct bfd_peer_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
