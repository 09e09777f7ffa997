// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * names_model.c - from the keys the datapath works with back to the names
 * in the model.  Linear scans: these serve one report at a time, and the
 * model is the source of truth, so nothing is cached that could go stale.
 */
#include <arpa/inet.h>
#include <string.h>

#include "util/addr.h"
#include "model/model.h"
#include "dataplane/names.h"
#include "xovn_maps.h"

static json_int_t key_of(const json_t *obj)
{
	return json_integer_value(json_object_get(obj, "tunnel_key"));
}

static const json_t *switch_by_key(const json_t *model, uint32_t dp_key)
{
	json_t *sw;
	size_t i;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw)
		if (key_of(sw) == (json_int_t)dp_key)
			return sw;
	return NULL;
}

const char *xovn_switch_by_key(const json_t *model, uint32_t dp_key)
{
	const json_t *sw = switch_by_key(model, dp_key);

	return sw ? json_string_value(json_object_get(sw, "name")) : NULL;
}

static const json_t *router_by_key(const json_t *model, uint32_t rtr_key)
{
	json_t *r;
	size_t i;

	json_array_foreach(json_object_get(model, "logical_routers"), i, r)
		if (key_of(r) == (json_int_t)rtr_key)
			return r;
	return NULL;
}

const char *xovn_router_by_key(const json_t *model, uint32_t rtr_key)
{
	const json_t *r = router_by_key(model, rtr_key);

	return r ? json_string_value(json_object_get(r, "name")) : NULL;
}

const char *xovn_lrp_by_key(const json_t *model, uint32_t rtr_key, uint16_t lrp_key)
{
	const json_t *r = router_by_key(model, rtr_key);
	json_t *port;
	size_t i;

	json_array_foreach(json_object_get(r, "ports"), i, port)
		if (key_of(port) == (json_int_t)lrp_key)
			return json_string_value(json_object_get(port, "name"));
	return NULL;
}

const char *xovn_port_by_key(const json_t *model, uint32_t dp_key, uint16_t port_key)
{
	const json_t *sw;
	json_t *port;
	size_t i;

	if (port_key == XOVN_MC_FLOOD)
		return "_MC_flood";
	if (port_key == XOVN_MC_UNKNOWN)
		return "_MC_unknown";
	sw = switch_by_key(model, dp_key);
	if (!sw)
		return NULL;
	json_array_foreach(json_object_get(sw, "ports"), i, port)
		if (key_of(port) == (json_int_t)port_key)
			return json_string_value(json_object_get(port, "name"));
	return NULL;
}

const char *xovn_chassis_by_ip(const json_t *model, uint32_t ip)
{
	struct in_addr a;
	json_t *ch;
	size_t i;

	json_array_foreach(json_object_get(model, "chassis"), i, ch) {
		const char *s = json_string_value(json_object_get(json_object_get(ch, "encap"), "ip"));

		if (s && xovn_parse_ipv4(s, &a) == 0 && a.s_addr == ip)
			return json_string_value(json_object_get(ch, "name"));
	}
	return NULL;
}

int xovn_port_keys(const json_t *model, const char *port, uint32_t *dp_key, uint16_t *port_key)
{
	json_t *sw = NULL;
	json_t *p = xovn_find_port(model, port, &sw);

	if (!p || !sw || key_of(p) <= 0 || key_of(sw) <= 0)
		return -1;
	*dp_key = (uint32_t)key_of(sw);
	*port_key = (uint16_t)key_of(p);
	return 0;
}
