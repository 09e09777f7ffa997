// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_semantic.c - uniqueness rules: names of switches, ports, chassis and
 * HA groups, and tunnel keys (switch keys globally, port keys per switch).
 *
 * Ports are unique across all switches, as in OVN: vif-attach, bindings and
 * parent_name name a port without its switch.  Seen port names and keys
 * live in hash sets that remember where each was first seen (the paths are
 * spelled only for errors), so the pass stays linear in the size of the
 * model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/validate/validate.h"

const char *member_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

const char *port_path(char *buf, size_t len, size_t sw_i, size_t port_i, const char *suffix)
{
	snprintf(buf, len, "$.logical_switches[%zu].ports[%zu]%s", sw_i, port_i, suffix);
	return buf;
}

void for_each_port(const json_t *model, port_visit_fn fn, void *arg)
{
	size_t sw_i, port_i;
	json_t *sw, *port;

	json_array_foreach(json_object_get(model, "logical_switches"), sw_i, sw) {
		json_array_foreach(json_object_get(sw, "ports"), port_i, port) {
			if (json_is_object(port))
				fn(model, port, sw_i, port_i, arg);
		}
	}
}

const char *ref_name(const json_t *obj, const char *key)
{
	const char *s = member_str(obj, key);

	return s && vname_syntax_ok(s) && strlen(s) <= 63 ? s : NULL;
}

/*
 * Remembers key -> path in seen; when key was already there, reports the
 * duplicate at path.  Returns 0 for a first sighting.
 */
static int seen_before(json_t *seen, const char *key, const char *path,
		       struct xovn_errors *errs, const char *rule, const char *what)
{
	const char *first = json_string_value(json_object_get(seen, key));

	if (!first) {
		json_object_set_new(seen, key, json_string(path));
		return 0;
	}
	xovn_errors_add(errs, path, rule, "%s \"%s\" is already used at %s", what, key, first);
	return 1;
}

/* Names of the objects of one top-level array must differ. */
static void unique_names_in(struct xovn_errors *errs, const json_t *model,
			    const char *array, const char *what)
{
	json_t *seen = json_object();
	char path[256];
	size_t i;
	json_t *item;

	json_array_foreach(json_object_get(model, array), i, item) {
		const char *name = member_str(item, "name");

		if (!name)
			continue;
		snprintf(path, sizeof(path), "$.%s[%zu].name", array, i);
		seen_before(seen, name, path, errs, "unique-name", what);
	}
	json_decref(seen);
}

/* Where a port was first seen, for "already used at" (names index into locs). */
struct port_pass {
	struct xovn_errors *errs;
	struct name_index names;   /* every port name of the model -> its vloc */
	struct vloc *locs;         /* one per port of the model */
	size_t n_locs, cap_locs;
	struct vset keys;          /* port keys of the current switch */
	size_t keys_switch;        /* switch index keys belongs to */
};

static void unique_port_name(struct port_pass *p, const char *name, size_t sw_i, size_t port_i)
{
	const struct vloc *first = name_index_get(&p->names, name);
	char path[256], first_path[256];
	struct vloc *loc;

	if (first) {
		xovn_errors_add(p->errs, port_path(path, sizeof(path), sw_i, port_i, ".name"),
				"unique-name", "port name \"%s\" is already used at %s", name,
				port_path(first_path, sizeof(first_path), first->a, first->b, ".name"));
		return;
	}
	if (p->n_locs == p->cap_locs)
		return;   /* no memory for the index: names cannot be compared */
	loc = &p->locs[p->n_locs++];
	*loc = (struct vloc){ .a = sw_i, .b = port_i };
	name_index_put_new(&p->names, name, loc);
}

static void unique_port_key(struct port_pass *p, json_int_t key, size_t sw_i, size_t port_i)
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

static void unique_port(const json_t *model, const json_t *port, size_t sw_i,
			size_t port_i, void *arg)
{
	struct port_pass *p = arg;
	const json_t *key = json_object_get(port, "tunnel_key");
	const char *name = member_str(port, "name");

	(void)model;
	if (name)
		unique_port_name(p, name, sw_i, port_i);
	if (sw_i != p->keys_switch) {
		vset_clear(&p->keys);
		p->keys_switch = sw_i;
	}
	if (json_is_integer(key))
		unique_port_key(p, json_integer_value(key), sw_i, port_i);
}

/* Room for every port of the model, so the name index never grows. */
static void reserve_ports(struct port_pass *p, const json_t *model)
{
	size_t total = 0, i;
	json_t *sw;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw)
		total += json_array_size(json_object_get(sw, "ports"));
	p->locs = malloc((total ? total : 1) * sizeof(*p->locs));
	if (p->locs && name_index_reserve(&p->names, total) == 0)
		p->cap_locs = total;
	else
		xovn_errors_add(p->errs, "$", "io", "out of memory checking port names");
}

static void unique_switch_keys(struct xovn_errors *errs, const json_t *model)
{
	json_t *seen = json_object();
	char path[256], keystr[32];
	size_t i;
	json_t *sw;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		const json_t *key = json_object_get(sw, "tunnel_key");

		if (!json_is_integer(key))
			continue;
		snprintf(keystr, sizeof(keystr), "%lld", (long long)json_integer_value(key));
		snprintf(path, sizeof(path), "$.logical_switches[%zu].tunnel_key", i);
		seen_before(seen, keystr, path, errs, "unique-key", "switch tunnel key");
	}
	json_decref(seen);
}

void validate_unique(struct xovn_errors *errs, const json_t *model)
{
	struct port_pass p = { .errs = errs, .keys_switch = 0 };

	name_index_init(&p.names);
	vset_init(&p.keys);
	unique_names_in(errs, model, "logical_switches", "switch name");
	unique_names_in(errs, model, "chassis", "chassis name");
	unique_names_in(errs, model, "ha_chassis_groups", "HA chassis group name");
	unique_switch_keys(errs, model);
	reserve_ports(&p, model);
	for_each_port(model, unique_port, &p);
	name_index_free(&p.names);
	vset_free(&p.keys);
	free(p.locs);
}
