/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * keys.c - tunnel key allocation.
 *
 * A key, once given, is never changed: it is on the wire (Geneve VNI and
 * port option) and in every chassis's maps, so renumbering would break
 * live traffic.  New objects take the lowest key nobody uses.  Switches
 * and routers are both datapaths: they draw from one key space.
 */
#include <stdlib.h>

#include "ctl.h"
#include "xovn_maps.h"

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static size_t collect_keys(const json_t *items, long *keys, size_t k)
{
	size_t i;
	json_t *el;

	json_array_foreach(items, i, el) {
		json_t *key = json_object_get(el, "tunnel_key");

		if (json_is_integer(key))
			keys[k++] = (long)json_integer_value(key);
	}
	return k;
}

/* Lowest value in 1..max that no element of a or b has as "tunnel_key". */
static long lowest_unused_key(const json_t *a, const json_t *b, long max)
{
	size_t n = json_array_size(a) + json_array_size(b), i, k;
	long *keys = calloc(n + 1, sizeof(*keys));
	long want = 1;

	if (!keys)
		return -1;
	k = collect_keys(b, keys, collect_keys(a, keys, 0));
	qsort(keys, k, sizeof(*keys), cmp_long);
	for (i = 0; i < k && keys[i] <= want; i++)
		if (keys[i] == want)
			want++;
	free(keys);
	return want <= max ? want : -1;
}

static int key_in_use(const json_t *items, long key)
{
	size_t i;
	json_t *el;

	json_array_foreach(items, i, el)
		if (json_integer_value(json_object_get(el, "tunnel_key")) == key)
			return 1;
	return 0;
}

/*
 * Gives obj (in neither items nor others) the requested key, or the lowest
 * key neither uses when requested is 0.  others is a second list sharing
 * the key space (switches and routers share the datapath keys), or NULL.
 */
static int assign_key(const json_t *items, const json_t *others, json_t *obj,
		      long requested, long max, const char *what)
{
	long key = requested;

	if (key) {
		if (key < 1 || key > max)
			return ctl_fail("%s tunnel key %ld is outside 1..%ld", what, key, max);
		if (key_in_use(items, key) || key_in_use(others, key))
			return ctl_fail("%s tunnel key %ld is already in use", what, key);
	} else {
		key = lowest_unused_key(items, others, max);
		if (key < 0)
			return ctl_fail("no free %s tunnel key left", what);
	}
	json_object_set_new(obj, "tunnel_key", json_integer(key));
	return 0;
}

int ctl_assign_switch_key(json_t *model, json_t *sw, long requested)
{
	return assign_key(json_object_get(model, "logical_switches"),
			  json_object_get(model, "logical_routers"), sw,
			  requested, (long)XOVN_DP_KEY_MAX, "switch");
}

int ctl_assign_router_key(json_t *model, json_t *lr, long requested)
{
	return assign_key(json_object_get(model, "logical_routers"),
			  json_object_get(model, "logical_switches"), lr,
			  requested, (long)XOVN_DP_KEY_MAX, "router");
}

int ctl_assign_port_key(json_t *sw, json_t *port, long requested)
{
	return assign_key(json_object_get(sw, "ports"), NULL, port, requested,
			  (long)XOVN_PORT_KEY_MAX, "port");
}
