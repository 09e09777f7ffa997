// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * sets.c - the validator's "seen before?" sets: short binary keys (a
 * tunnel key, a MAC, an IP) mapped to where they were first seen, and the
 * shared name indexes of ports, chassis, HA groups and router ports.  Both
 * are util/name_index tables.
 *
 * A first sighting stores three numbers, not a spelled-out JSON path: the
 * path is written only when a duplicate is reported, and a valid model has
 * none.  Emptying a set between switches costs what the switch claimed, so
 * a model with many small switches stays linear.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/validate/validate.h"

#define VSET_BLOCK 256    /* entries per block */

void vset_init(struct vset *s)
{
	memset(s, 0, sizeof(*s));
	name_index_init(&s->index);
}

void vset_free(struct vset *s)
{
	for (size_t i = 0; i < s->n_blocks; i++)
		free(s->blocks[i]);
	free(s->blocks);
	name_index_free(&s->index);
	vset_init(s);
}

void vset_clear(struct vset *s)
{
	name_index_clear(&s->index);
	s->used = 0;   /* the blocks are reused */
}

/* The next free entry, in a new block when the last one is full; NULL without memory. */
static struct vset_entry *next_entry(struct vset *s)
{
	size_t block = s->used / VSET_BLOCK;

	if (block == s->n_blocks) {
		struct vset_entry **blocks = realloc(s->blocks, (block + 1) * sizeof(*blocks));

		if (!blocks)
			return NULL;
		s->blocks = blocks;
		s->blocks[block] = malloc(VSET_BLOCK * sizeof(**s->blocks));
		if (!s->blocks[block])
			return NULL;
		s->n_blocks++;
	}
	return &s->blocks[block][s->used % VSET_BLOCK];
}

const struct vloc *vset_claim(struct vset *s, const void *key, size_t len,
			      const struct vloc *where)
{
	const struct vset_entry *first;
	struct vset_entry *e;

	if (len > VSET_KEY_MAX)
		len = VSET_KEY_MAX;   /* callers' keys are shorter; never overrun */
	first = name_index_get_bytes(&s->index, key, len);
	if (first)
		return &first->where;
	e = next_entry(s);
	if (!e)
		return NULL;   /* out of memory: counted as a first sighting */
	memcpy(e->key, key, len);
	e->where = *where;
	if (name_index_put_bytes(&s->index, e->key, len, e) == 0)
		s->used++;
	return NULL;
}

/* ---- name indexes ---------------------------------------------------- */

/* Indexes n objects of size bytes at base by their name; of duplicates the first stays. */
static int index_named(struct name_index *idx, const void *base, size_t n, size_t size,
		       size_t name_offset)
{
	if (name_index_reserve(idx, idx->n + n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *obj = (const char *)base + i * size;
		const char *name = *(const char *const *)(obj + name_offset);

		if (i + NAME_INDEX_AHEAD < n)
			name_index_prefetch(idx, *(const char *const *)((const char *)base +
					    (i + NAME_INDEX_AHEAD) * size + name_offset));
		if (name && name_index_put_new(idx, name, obj) < 0)
			return -1;
	}
	return 0;
}

#define INDEX_NAMED(idx, arr, n) \
	index_named((idx), (arr), (n), sizeof(*(arr)), offsetof(__typeof__(*(arr)), name))

/* Every port of every switch; unusable when a switch has no ports array. */
static const struct name_index *index_ports(struct name_index *idx, const struct xovn_model *m)
{
	size_t total = 0;

	if (!(m->arrays & XOVN_LIST_SWITCHES) || !(m->arrays & XOVN_LIST_PORTS))
		return NULL;
	for (size_t i = 0; i < m->n_switches; i++)
		total += m->switches[i]->n_ports;
	if (name_index_reserve(idx, total) < 0)
		return NULL;
	for (size_t i = 0; i < m->n_switches; i++) {
		const struct xovn_ls *ls = m->switches[i];

		if (INDEX_NAMED(idx, ls->ports, ls->n_ports) < 0)
			return NULL;
	}
	return idx;
}

/* Every port of every router. */
static const struct name_index *index_lrps(struct name_index *idx, const struct xovn_model *m)
{
	if (!(m->arrays & XOVN_LIST_ROUTERS) && !(m->absent & XOVN_LIST_ROUTERS))
		return NULL;
	for (size_t i = 0; i < m->n_routers; i++) {
		const struct xovn_lr *r = &m->routers[i];

		if (INDEX_NAMED(idx, r->ports, r->n_ports) < 0)
			return NULL;
	}
	return idx;
}

void vnames_build(struct vnames *v, const struct xovn_model *m)
{
	name_index_init(&v->port_idx);
	name_index_init(&v->chassis_idx);
	name_index_init(&v->group_idx);
	name_index_init(&v->lrp_idx);
	/* The model's own index when it resolved its references when read. */
	v->resolved = m->port_names != NULL;
	v->ports = v->resolved ? m->port_names : index_ports(&v->port_idx, m);
	v->chassis = NULL;
	v->groups = NULL;
	/* chassis is a required list; ha_chassis_groups and logical_routers may be absent */
	if (m->arrays & XOVN_LIST_CHASSIS &&
	    INDEX_NAMED(&v->chassis_idx, m->chassis, m->n_chassis) == 0)
		v->chassis = &v->chassis_idx;
	if ((m->arrays | m->absent) & XOVN_LIST_GROUPS &&
	    INDEX_NAMED(&v->group_idx, m->groups, m->n_groups) == 0)
		v->groups = &v->group_idx;
	v->lrps = index_lrps(&v->lrp_idx, m);
}

void vnames_free(struct vnames *v)
{
	name_index_free(&v->port_idx);
	name_index_free(&v->chassis_idx);
	name_index_free(&v->group_idx);
	name_index_free(&v->lrp_idx);
}

const struct xovn_lsp *vnames_port(const struct vnames *v, const char *name)
{
	return v->ports ? name_index_get(v->ports, name) : NULL;
}

const struct xovn_lsp *vnames_vif_port(const struct vnames *v, const struct xovn_vif *vif)
{
	return v->resolved ? vif->lsp : vnames_port(v, vif->port);
}

const struct xovn_lsp *vnames_binding_port(const struct vnames *v, const struct xovn_binding *b)
{
	return v->resolved ? b->lsp : vnames_port(v, b->port);
}

const struct xovn_chassis *vnames_chassis(const struct vnames *v, const char *name)
{
	return v->chassis ? name_index_get(v->chassis, name) : NULL;
}

const struct xovn_ha_group *vnames_group(const struct vnames *v, const char *name)
{
	return v->groups ? name_index_get(v->groups, name) : NULL;
}

const struct xovn_lrp *vnames_lrp(const struct vnames *v, const char *name)
{
	return v->lrps ? name_index_get(v->lrps, name) : NULL;
}
