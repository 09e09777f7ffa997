// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* model_lookup.c - finding switches, ports, chassis and groups by name. */
#include <string.h>

#include "model/model.h"
#include "xovn_maps.h"

static json_t *find_named(const json_t *array, const char *name)
{
	size_t i;
	json_t *item;

	json_array_foreach(array, i, item) {
		const char *n = json_string_value(json_object_get(item, "name"));

		if (n && strcmp(n, name) == 0)
			return item;
	}
	return NULL;
}

json_t *xovn_find_switch(const json_t *model, const char *name)
{
	return find_named(json_object_get(model, "logical_switches"), name);
}

json_t *xovn_find_port(const json_t *model, const char *name, json_t **sw_out)
{
	size_t i;
	json_t *sw;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw) {
		json_t *port = find_named(json_object_get(sw, "ports"), name);

		if (port) {
			if (sw_out)
				*sw_out = sw;
			return port;
		}
	}
	return NULL;
}

json_t *xovn_find_chassis(const json_t *model, const char *name)
{
	return find_named(json_object_get(model, "chassis"), name);
}

json_t *xovn_find_group(const json_t *model, const char *name)
{
	return find_named(json_object_get(model, "ha_chassis_groups"), name);
}

const char *const xovn_port_type_names[XOVN_PT__COUNT] = {
	[XOVN_PT_VIF] = "",
	[XOVN_PT_LOCALPORT] = "localport",
	[XOVN_PT_LOCALNET] = "localnet",
	[XOVN_PT_EXTERNAL] = "external",
	[XOVN_PT_L2GATEWAY] = "l2gateway",
	[XOVN_PT_ROUTER] = "router",
};

const char *xovn_port_type_str(const json_t *port)
{
	const char *t = json_string_value(json_object_get(port, "type"));

	return t ? t : "";
}

int xovn_port_type_from_str(const char *s)
{
	for (int i = 0; i < XOVN_PT__COUNT; i++)
		if (strcmp(s, xovn_port_type_names[i]) == 0)
			return i;
	return -1;
}

/* The chassis whose vifs[] attach an interface to port, NULL if none. */
static const char *attached_chassis(const json_t *model, const char *port)
{
	size_t i, j;
	json_t *ch, *vif;

	json_array_foreach(json_object_get(model, "chassis"), i, ch) {
		json_array_foreach(json_object_get(ch, "vifs"), j, vif) {
			const char *p = json_string_value(json_object_get(vif, "port"));

			if (p && strcmp(p, port) == 0)
				return json_string_value(json_object_get(ch, "name"));
		}
	}
	return NULL;
}

const char *xovn_port_binding(const json_t *model, const char *port)
{
	json_t *lsp = xovn_find_port(model, port, NULL);
	size_t i;
	json_t *b;
	int type;

	if (!lsp)
		return NULL;
	type = xovn_port_type_from_str(xovn_port_type_str(lsp));
	if (type == XOVN_PT_LOCALPORT)
		return NULL;   /* present on every chassis, claimed by none */
	json_array_foreach(json_object_get(model, "bindings"), i, b) {
		const char *p = json_string_value(json_object_get(b, "port"));

		if (p && strcmp(p, port) == 0)
			return json_string_value(json_object_get(b, "chassis"));
	}
	if (type == XOVN_PT_L2GATEWAY)
		return json_string_value(json_object_get(json_object_get(lsp, "options"),
							 "l2gateway-chassis"));
	return attached_chassis(model, port);
}
