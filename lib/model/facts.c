// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * facts.c - facts of a model document for the daemon (see facts.h).
 */
#include <string.h>

#include "model/facts.h"

long long xovn_model_generation(const json_t *model)
{
	return json_integer_value(json_object_get(model, "generation"));
}

void xovn_model_set_generation(json_t *model, long long generation)
{
	json_object_set_new(model, "generation", json_integer(generation));
}

int xovn_model_has_routers(const json_t *model)
{
	return json_array_size(json_object_get(model, "logical_routers")) > 0;
}

int xovn_model_has_container_ports(const json_t *model)
{
	const json_t *sw, *port;
	size_t i, j;

	json_array_foreach(json_object_get(model, "logical_switches"), i, sw)
		json_array_foreach(json_object_get(sw, "ports"), j, port)
			if (json_object_get(port, "parent_name"))
				return 1;
	return 0;
}

static int port_may_deactivate(const json_t *port)
{
	const char *t = json_string_value(json_object_get(port, "type"));

	if (json_object_get(port, "parent_name"))
		return 1;
	return t && (strcmp(t, "localnet") == 0 || strcmp(t, "l2gateway") == 0 ||
		     strcmp(t, "external") == 0 || strcmp(t, "router") == 0);
}

int xovn_switches_may_deactivate(const json_t *switches)
{
	const json_t *sw, *port;
	size_t i, j;

	json_array_foreach(switches, i, sw)
		json_array_foreach(json_object_get(sw, "ports"), j, port)
			if (port_may_deactivate(port))
				return 1;
	return 0;
}
