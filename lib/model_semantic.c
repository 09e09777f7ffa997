// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_semantic.c - uniqueness rules: names of switches, ports, chassis and
 * HA groups, and tunnel keys (switch keys globally, port keys per switch).
 *
 * Ports are unique across all switches, as in OVN: vif-attach, bindings and
 * parent_name name a port without its switch.  Seen names and keys live in
 * a jansson object used as a hash set, so the pass stays linear in the size
 * of the model.
 */
#include <stdio.h>
#include <string.h>

#include "model_validate.h"

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

json_t *index_by_name(const json_t *array)
{
	json_t *index = json_object();
	size_t i;
	json_t *item;

	json_array_foreach(array, i, item) {
		const char *name = member_str(item, "name");

		if (name && !json_object_get(index, name))
			json_object_set(index, name, item);
	}
	return index;
}

json_t *index_member(const json_t *model, const char *key, int required)
{
	const json_t *array = json_object_get(model, key);

	if (array ? !json_is_array(array) : required)
		return NULL;
	return index_by_name(array);
}

json_t *index_ports(const json_t *model)
{
	const json_t *switches = json_object_get(model, "logical_switches");
	json_t *index;
	size_t sw_i;
	json_t *sw;

	if (!json_is_array(switches))
		return NULL;
	index = json_object();
	json_array_foreach(switches, sw_i, sw) {
		json_t *ports = json_object_get(sw, "ports");

		if (!json_is_array(ports)) {
			json_decref(index);
			return NULL;
		}
		ports = index_by_name(ports);

		json_object_update_missing(index, ports);
		json_decref(ports);
	}
	return index;
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

struct port_pass {
	struct xovn_errors *errs;
	json_t *names;          /* every port name of the model */
	json_t *keys;           /* port keys of the current switch */
	size_t keys_switch;     /* switch index keys belongs to */
};

static void unique_port(const json_t *model, const json_t *port, size_t sw_i,
			size_t port_i, void *arg)
{
	struct port_pass *p = arg;
	const json_t *key = json_object_get(port, "tunnel_key");
	const char *name = member_str(port, "name");
	char path[256], keystr[32];

	(void)model;
	if (name)
		seen_before(p->names, name, port_path(path, sizeof(path), sw_i, port_i, ".name"),
			    p->errs, "unique-name", "port name");
	if (sw_i != p->keys_switch) {
		json_object_clear(p->keys);
		p->keys_switch = sw_i;
	}
	if (!json_is_integer(key))
		return;
	snprintf(keystr, sizeof(keystr), "%lld", (long long)json_integer_value(key));
	seen_before(p->keys, keystr, port_path(path, sizeof(path), sw_i, port_i, ".tunnel_key"),
		    p->errs, "unique-key", "port tunnel key");
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
	struct port_pass p = {
		.errs = errs, .names = json_object(), .keys = json_object(), .keys_switch = 0,
	};

	unique_names_in(errs, model, "logical_switches", "switch name");
	unique_names_in(errs, model, "chassis", "chassis name");
	unique_names_in(errs, model, "ha_chassis_groups", "HA chassis group name");
	unique_switch_keys(errs, model);
	for_each_port(model, unique_port, &p);
	json_decref(p.names);
	json_decref(p.keys);
}
