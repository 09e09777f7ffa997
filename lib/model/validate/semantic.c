// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * semantic.c - uniqueness rules: names of switches, ports, chassis and HA
 * groups, and tunnel keys (switch keys globally, port keys per switch).
 *
 * Ports are unique across all switches, as in OVN: vif-attach, bindings and
 * parent_name name a port without its switch.  The shared port index
 * (vnames) holds the first port of each name, so a port that is not what
 * its name finds there is a second holder: no index of its own is built.
 * Seen keys live in hash sets that remember where each was first seen (the
 * paths are spelled only for errors), so the pass stays linear in the size
 * of the model.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/validate/validate.h"

const char *port_path(char *buf, size_t len, size_t sw_i, size_t port_i, const char *suffix)
{
	snprintf(buf, len, "$.logical_switches[%zu].ports[%zu]%s", sw_i, port_i, suffix);
	return buf;
}

const char *lsp_path(char *buf, size_t len, const struct xovn_lsp *port, const char *suffix)
{
	return port_path(buf, len, port->ls->index, port->index, suffix);
}

void for_each_port(const struct xovn_model *m, port_visit_fn fn, void *arg)
{
	for (size_t i = 0; i < m->n_switches; i++)
		for (size_t j = 0; j < m->switches[i]->n_ports; j++)
			fn(&m->switches[i]->ports[j], arg);
}

const char *ref_name(const char *s)
{
	return s && vname_syntax_ok(s) && strlen(s) <= 63 ? s : NULL;
}

const char *lsp_type(const struct xovn_lsp *port)
{
	return port->type ? port->type : "";
}

void vunique_init(struct vunique *u, struct xovn_errors *errs, const char *array,
		  const char *what)
{
	name_index_init(&u->seen);
	u->errs = errs;
	u->array = array;
	u->what = what;
}

void vunique_free(struct vunique *u)
{
	name_index_free(&u->seen);
}

void vunique_claim(struct vunique *u, const char *name, size_t index)
{
	uintptr_t first;

	if (!name)
		return;
	first = (uintptr_t)name_index_get(&u->seen, name);
	if (!first) {
		if (name_index_put_new(&u->seen, name, (const void *)(uintptr_t)(index + 1)) < 0)
			xovn_errors_add(u->errs, "$", "io", "out of memory checking names");
		return;
	}
	xovn_errors_add(u->errs, vitem_path(u->array, index, ".name").s, "unique-name",
			"%s \"%s\" is already used at %s", u->what, name,
			vitem_path(u->array, first - 1, ".name").s);
}

struct vitem_path vitem_path(const char *array, size_t index, const char *suffix)
{
	struct vitem_path p;

	snprintf(p.s, sizeof(p.s), "$.%s[%zu]%s", array, index, suffix);
	return p;
}

static void unique_top_names(struct xovn_errors *errs, const struct xovn_model *m)
{
	struct vunique u;

	vunique_init(&u, errs, "logical_switches", "switch name");
	for (size_t i = 0; i < m->n_switches; i++)
		vunique_claim(&u, m->switches[i]->name, m->switches[i]->index);
	vunique_free(&u);
	vunique_init(&u, errs, "chassis", "chassis name");
	for (size_t i = 0; i < m->n_chassis; i++)
		vunique_claim(&u, m->chassis[i].name, m->chassis[i].index);
	vunique_free(&u);
	vunique_init(&u, errs, "ha_chassis_groups", "HA chassis group name");
	for (size_t i = 0; i < m->n_groups; i++)
		vunique_claim(&u, m->groups[i].name, m->groups[i].index);
	vunique_free(&u);
}

/*
 * Where a port was first seen, for "already used at": the shared port
 * index when there is one, else (a switch without a ports list) an index
 * of this pass' own (names index into locs).
 */
struct port_pass {
	struct xovn_errors *errs;
	const struct vnames *shared;
	int resolved;              /* each port knows the first of its name (xovn_lsp.named) */
	struct name_index names;   /* every port name of the model -> its vloc */
	struct vloc *locs;         /* one per port of the model */
	size_t n_locs, cap_locs;
	struct vset keys;          /* port keys of the current switch */
};

static void report_port_name(struct port_pass *p, const char *name, size_t sw_i, size_t port_i,
			     size_t first_sw, size_t first_port)
{
	char path[256], first_path[256];

	xovn_errors_add(p->errs, port_path(path, sizeof(path), sw_i, port_i, ".name"),
			"unique-name", "port name \"%s\" is already used at %s", name,
			port_path(first_path, sizeof(first_path), first_sw, first_port, ".name"));
}

static void unique_port_name(struct port_pass *p, const struct xovn_lsp *port)
{
	const char *name = port->name;
	size_t sw_i = port->ls->index, port_i = port->index;
	const struct vloc *first;
	struct vloc *loc;

	if (p->shared) {
		const struct xovn_lsp *holder = p->resolved ? port->named :
			vnames_port(p->shared, name);

		if (holder && holder != port)
			report_port_name(p, name, sw_i, port_i, holder->ls->index, holder->index);
		return;
	}
	first = name_index_get(&p->names, name);
	if (first) {
		report_port_name(p, name, sw_i, port_i, first->a, first->b);
		return;
	}
	if (p->n_locs == p->cap_locs)
		return;   /* no memory for the index: names cannot be compared */
	loc = &p->locs[p->n_locs++];
	*loc = (struct vloc){ .a = sw_i, .b = port_i };
	name_index_put_new(&p->names, name, loc);
}

static void unique_port_key(struct port_pass *p, int64_t key, size_t sw_i, size_t port_i)
{
	struct vloc here = { .a = sw_i, .b = port_i };
	const struct vloc *first = vset_claim(&p->keys, &key, sizeof(key), &here);
	char path[256], first_path[256];

	if (first)
		xovn_errors_add(p->errs, port_path(path, sizeof(path), sw_i, port_i, ".tunnel_key"),
				"unique-key", "port tunnel key \"%lld\" is already used at %s",
				(long long)key,
				port_path(first_path, sizeof(first_path), first->a, first->b,
					  ".tunnel_key"));
}

/* Room for every port of the model, so the name index never grows. */
static void reserve_ports(struct port_pass *p, const struct xovn_model *m)
{
	size_t total = 0;

	if (p->shared)
		return;
	for (size_t i = 0; i < m->n_switches; i++)
		total += m->switches[i]->n_ports;
	p->locs = malloc((total ? total : 1) * sizeof(*p->locs));
	if (p->locs && name_index_reserve(&p->names, total) == 0)
		p->cap_locs = total;
	else
		xovn_errors_add(p->errs, "$", "io", "out of memory checking port names");
}

static void unique_ports(struct port_pass *p, const struct xovn_ls *ls)
{
	vset_clear(&p->keys);
	for (size_t j = 0; j < ls->n_ports; j++) {
		const struct xovn_lsp *port = &ls->ports[j];

		if (p->shared && !p->resolved && j + NAME_INDEX_AHEAD < ls->n_ports)
			name_index_prefetch(p->shared->ports, ls->ports[j + NAME_INDEX_AHEAD].name);
		if (port->name)
			unique_port_name(p, port);
		if (port->has_tunnel_key)
			unique_port_key(p, port->tunnel_key, ls->index, port->index);
	}
}

static void unique_switch_keys(struct xovn_errors *errs, const struct xovn_model *m)
{
	struct vset seen;

	vset_init(&seen);
	for (size_t i = 0; i < m->n_switches; i++) {
		const struct xovn_ls *ls = m->switches[i];
		struct vloc here = { .a = ls->index };
		const struct vloc *first;

		if (!ls->has_tunnel_key)
			continue;
		first = vset_claim(&seen, &ls->tunnel_key, sizeof(ls->tunnel_key), &here);
		if (first)
			xovn_errors_add(errs, vitem_path("logical_switches", ls->index, ".tunnel_key").s,
					"unique-key", "switch tunnel key \"%lld\" is already used at %s",
					(long long)ls->tunnel_key,
					vitem_path("logical_switches", first->a, ".tunnel_key").s);
	}
	vset_free(&seen);
}

void validate_unique(struct xovn_errors *errs, const struct xovn_model *m,
		     const struct vnames *names)
{
	struct port_pass p = { .errs = errs, .shared = names->ports ? names : NULL,
			       .resolved = m->port_names != NULL };

	name_index_init(&p.names);
	vset_init(&p.keys);
	unique_top_names(errs, m);
	unique_switch_keys(errs, m);
	reserve_ports(&p, m);
	for (size_t i = 0; i < m->n_switches; i++)
		unique_ports(&p, m->switches[i]);
	name_index_free(&p.names);
	vset_free(&p.keys);
	free(p.locs);
}
