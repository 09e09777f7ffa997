// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * follow.c - the typed model following its document's switch changes
 * (follow.h).  Cost: one pass over the switch array plus a read of each
 * changed switch; ports of unchanged switches are not looked at.
 */
#include <stdlib.h>

#include "model/follow.h"
#include "util/name_index.h"

static const char *switch_name(const json_t *sw)
{
	return json_string_value(json_object_get(sw, "name"));
}

/* The typed switches by name, each mapped to its position in m->switches plus one. */
static int index_typed(const struct xovn_model *m, struct name_index *idx)
{
	if (name_index_reserve(idx, m->n_switches) < 0)
		return -1;
	for (size_t k = 0; k < m->n_switches; k++) {
		const char *name = m->switches[k]->name;

		if (name && name_index_put_new(idx, name, (void *)(k + 1)) < 0)
			return -1;
	}
	return 0;
}

static int index_changed(const json_t *changed, struct name_index *idx)
{
	const json_t *sw;
	size_t i;

	json_array_foreach(changed, i, sw) {
		const char *name = switch_name(sw);

		if (name && name_index_put(idx, name, sw) < 0)
			return -1;
	}
	return 0;
}

/* The switches being put together, committed to the model only when complete. */
struct next_switches {
	struct xovn_ls **v;        /* document order */
	size_t *at;                /* position of v[i] in the document */
	size_t n;
	unsigned char *kept;       /* by position in m->switches: reused as it is */
	struct xovn_switch_change chg;
};

static int take_switch(const struct xovn_model *m, struct next_switches *nx,
		       const struct name_index *typed, const struct name_index *changed,
		       const json_t *sw, size_t pos)
{
	const char *name = switch_name(sw);
	size_t k;

	if (!name)
		return -1;
	if (name_index_get(changed, name)) {
		struct xovn_ls *ls = xovn_ls_read(sw, pos);

		if (!ls)
			return -1;
		nx->chg.cur[nx->chg.n_cur++] = ls;
		nx->v[nx->n] = ls;
	} else {
		k = (size_t)name_index_get(typed, name);
		if (k == 0 || nx->kept[k - 1])
			return -1;  /* unknown, or a name the document has twice */
		nx->kept[k - 1] = 1;
		nx->v[nx->n] = m->switches[k - 1];
	}
	nx->at[nx->n++] = pos;
	return 0;
}

static int gather(const struct xovn_model *m, const json_t *arr, const json_t *changed,
		  struct next_switches *nx)
{
	struct name_index typed, changed_names;
	size_t n = json_array_size(arr);
	int rc = -1;

	name_index_init(&typed);
	name_index_init(&changed_names);
	nx->v = calloc(n ? n : 1, sizeof(*nx->v));
	nx->at = calloc(n ? n : 1, sizeof(*nx->at));
	nx->kept = calloc(m->n_switches ? m->n_switches : 1, 1);
	nx->chg.cur = calloc(n ? n : 1, sizeof(*nx->chg.cur));
	if (nx->v && nx->at && nx->kept && nx->chg.cur && index_typed(m, &typed) == 0 &&
	    index_changed(changed, &changed_names) == 0) {
		rc = 0;
		for (size_t i = 0; i < n && rc == 0; i++) {
			const json_t *sw = json_array_get(arr, i);

			if (json_is_object(sw))
				rc = take_switch(m, nx, &typed, &changed_names, sw, i);
		}
	}
	name_index_free(&typed);
	name_index_free(&changed_names);
	return rc;
}

/* Hands the switches not kept to chg->old and installs the new array. */
static int commit(struct xovn_model *m, struct next_switches *nx)
{
	nx->chg.old = calloc(m->n_switches ? m->n_switches : 1, sizeof(*nx->chg.old));
	if (!nx->chg.old)
		return -1;
	for (size_t k = 0; k < m->n_switches; k++) {
		if (!nx->kept[k])
			nx->chg.old[nx->chg.n_old++] = m->switches[k];
	}
	for (size_t i = 0; i < nx->n; i++)
		nx->v[i]->index = nx->at[i];
	/* The resolved references may point into the switches replaced. */
	xovn_model_unresolve(m);
	free(m->switches);
	m->switches = nx->v;
	m->n_switches = nx->n;
	nx->v = NULL;
	return 0;
}

int xovn_model_follow_switches(struct xovn_model *m, const json_t *doc, const json_t *changed,
			       struct xovn_switch_change *chg)
{
	struct next_switches nx = { 0 };
	const json_t *gen = json_object_get(doc, "generation");
	int rc;

	rc = gather(m, json_object_get(doc, "logical_switches"), changed, &nx);
	if (rc == 0)
		rc = commit(m, &nx);
	if (rc == 0) {
		m->generation = json_is_integer(gen) ? (int64_t)json_integer_value(gen) : 0;
		*chg = nx.chg;
	} else {
		for (size_t i = 0; i < nx.chg.n_cur; i++)
			xovn_ls_free((struct xovn_ls *)nx.chg.cur[i]);
		free(nx.chg.cur);
		free(nx.chg.old);
		*chg = (struct xovn_switch_change){ 0 };
	}
	free(nx.v);
	free(nx.at);
	free(nx.kept);
	return rc;
}

void xovn_switch_change_free(struct xovn_switch_change *chg)
{
	for (size_t i = 0; i < chg->n_old; i++)
		xovn_ls_free(chg->old[i]);
	free(chg->old);
	free(chg->cur);
	*chg = (struct xovn_switch_change){ 0 };
}
