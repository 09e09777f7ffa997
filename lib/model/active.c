// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * active.c - the model without its incomplete parts, as the compiler and
 * the daemon see it.  Removing them from a copy, instead of teaching every
 * compiler pass to skip them, makes "inactive" mean exactly "absent".
 */
#include <stdlib.h>
#include <string.h>

#include "model/incomplete.h"

struct prune_sets {
	json_t *ports;      /* inactive port name -> true */
	json_t *vifs;       /* "chassis/port" -> true */
	json_t *bindings;   /* port name -> true */
	json_t *members;    /* "group/chassis" -> true */
	json_t *gateways;   /* "router port/chassis" -> true */
};

static void set_add(json_t *set, const char *a, const char *b)
{
	char key[160];

	snprintf(key, sizeof(key), "%s/%s", a, b);
	json_object_set_new(set, key, json_true());
}

static int set_has(const json_t *set, const char *a, const char *b)
{
	char key[160];

	snprintf(key, sizeof(key), "%s/%s", a ? a : "", b ? b : "");
	return json_object_get(set, key) != NULL;
}

static void sets_fill(struct prune_sets *s, const struct xovn_inactive_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct xovn_inactive *it = &l->v[i];

		switch (it->kind) {
		case XOVN_INACTIVE_PORT:
			json_object_set_new(s->ports, it->name, json_true());
			break;
		case XOVN_INACTIVE_VIF:
			set_add(s->vifs, it->owner, it->name);
			break;
		case XOVN_INACTIVE_BINDING:
			json_object_set_new(s->bindings, it->name, json_true());
			break;
		case XOVN_INACTIVE_MEMBER:
			set_add(s->members, it->owner, it->name);
			break;
		case XOVN_INACTIVE_GATEWAY:
			set_add(s->gateways, it->owner, it->name);
			break;
		case XOVN_INACTIVE_ROUTE:
			break;   /* by position: drop_routes() */
		case XOVN_INACTIVE_ROUTER:
			break;   /* kept: it already runs on no chassis (incomplete.h) */
		}
	}
}

/* Removes the elements of array for which drop(element, arg) holds. */
static void array_drop(json_t *array, int (*drop)(const json_t *, const void *), const void *arg)
{
	size_t i = 0;

	while (i < json_array_size(array)) {
		if (drop(json_array_get(array, i), arg))
			json_array_remove(array, i);
		else
			i++;
	}
}

static const char *str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static int port_inactive(const json_t *port, const void *arg)
{
	const struct prune_sets *s = arg;
	const char *name = str(port, "name");

	return name && json_object_get(s->ports, name);
}

struct owner_arg {
	const struct prune_sets *s;
	const char *owner;
};

static int vif_inactive(const json_t *vif, const void *arg)
{
	const struct owner_arg *a = arg;
	const char *port = str(vif, "port");

	return port && (json_object_get(a->s->ports, port) || set_has(a->s->vifs, a->owner, port));
}

static int binding_inactive(const json_t *b, const void *arg)
{
	const struct prune_sets *s = arg;
	const char *port = str(b, "port");

	return port && (json_object_get(s->ports, port) || json_object_get(s->bindings, port));
}

static int member_inactive(const json_t *m, const void *arg)
{
	const struct owner_arg *a = arg;

	return set_has(a->s->members, a->owner, str(m, "chassis"));
}

static int gateway_inactive(const json_t *gc, const void *arg)
{
	const struct owner_arg *a = arg;

	return set_has(a->s->gateways, a->owner, str(gc, "chassis_name"));
}

static void prune_gateways(json_t *model, const struct prune_sets *s)
{
	json_t *lr, *lrp;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_routers"), i, lr) {
		json_array_foreach(json_object_get(lr, "ports"), j, lrp) {
			struct owner_arg a = { s, str(lrp, "name") };

			array_drop(json_object_get(lrp, "gateway_chassis"), gateway_inactive, &a);
		}
	}
}

static void prune(json_t *model, const struct prune_sets *s)
{
	size_t i;
	json_t *item;

	json_array_foreach(json_object_get(model, "logical_switches"), i, item)
		array_drop(json_object_get(item, "ports"), port_inactive, s);
	json_array_foreach(json_object_get(model, "chassis"), i, item) {
		struct owner_arg a = { s, str(item, "name") };

		array_drop(json_object_get(item, "vifs"), vif_inactive, &a);
	}
	array_drop(json_object_get(model, "bindings"), binding_inactive, s);
	json_array_foreach(json_object_get(model, "ha_chassis_groups"), i, item) {
		struct owner_arg a = { s, str(item, "name") };

		array_drop(json_object_get(item, "members"), member_inactive, &a);
	}
	prune_gateways(model, s);
}

static int later_route_first(const void *a, const void *b)
{
	const struct xovn_inactive *x = *(const struct xovn_inactive *const *)a;
	const struct xovn_inactive *y = *(const struct xovn_inactive *const *)b;

	if (x->at[0] != y->at[0])
		return x->at[0] < y->at[0] ? 1 : -1;
	return x->at[1] < y->at[1] ? 1 : x->at[1] > y->at[1] ? -1 : 0;
}

/*
 * Routes have no name to match: they are removed by position, the last
 * first, so the positions of the others stay true.  -1 when out of memory.
 */
static int drop_routes(json_t *model, const struct xovn_inactive_list *l)
{
	const struct xovn_inactive **routes = calloc(l->n, sizeof(*routes));
	const json_t *routers = json_object_get(model, "logical_routers");
	size_t n = 0;

	if (!routes)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == XOVN_INACTIVE_ROUTE)
			routes[n++] = &l->v[i];
	qsort(routes, n, sizeof(*routes), later_route_first);
	for (size_t i = 0; i < n; i++)
		json_array_remove(json_object_get(json_array_get(routers, routes[i]->at[0]),
						  "static_routes"),
				  routes[i]->at[1]);
	free(routes);
	return 0;
}

/* Whether any item is removed from the model (an inactive gateway router is not). */
static int prunable(const struct xovn_inactive_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind != XOVN_INACTIVE_ROUTER)
			return 1;
	return 0;
}

json_t *xovn_model_active(json_t *model, const struct xovn_inactive_list *l)
{
	struct prune_sets s;
	json_t *copy;

	if (!prunable(l))
		return json_incref(model);
	copy = json_deep_copy(model);
	s = (struct prune_sets){ json_object(), json_object(), json_object(), json_object(),
				 json_object() };
	if (copy && s.ports && s.vifs && s.bindings && s.members && s.gateways &&
	    drop_routes(copy, l) == 0) {
		sets_fill(&s, l);
		prune(copy, &s);
	} else {
		json_decref(copy);
		copy = NULL;
	}
	json_decref(s.ports);
	json_decref(s.vifs);
	json_decref(s.bindings);
	json_decref(s.members);
	json_decref(s.gateways);
	return copy;
}
