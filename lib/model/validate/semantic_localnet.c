// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_semantic_localnet.c - localnet ports and bridge mappings.
 *
 * A switch may have several localnet ports (one per physical segment), but
 * a chassis reaches a switch's physical network through at most one of
 * them: if it mapped two, a frame from either segment would be bridged to
 * the other.  Two localnet ports of one switch on the same network would be
 * the same port twice.
 */
#include <stdio.h>
#include <string.h>

#include "model/validate/validate.h"

/* network_name -> path, for the localnet ports of one switch. */
static json_t *switch_networks(struct xovn_errors *errs, const json_t *sw, size_t sw_i)
{
	json_t *nets = json_object();
	char path[256];
	size_t p_i;
	json_t *port;

	json_array_foreach(json_object_get(sw, "ports"), p_i, port) {
		const char *net = member_str(json_object_get(port, "options"), "network_name");

		if (!net || !*net || strcmp(xovn_port_type_str(port), "localnet") != 0)
			continue;
		port_path(path, sizeof(path), sw_i, p_i, ".options.network_name");
		if (json_object_get(nets, net))
			xovn_errors_add(errs, path, "duplicate-network",
					"network \"%s\" already has a localnet port on this switch at %s",
					net, json_string_value(json_object_get(nets, net)));
		else
			json_object_set_new(nets, net, json_string(path));
	}
	return nets;
}

/* Reports every mapping of ch beyond the first into the networks of one switch. */
static void check_chassis_mappings(struct xovn_errors *errs, const json_t *ch, size_t c,
				   const json_t *nets, const char *sw_name)
{
	const char *first = NULL, *net;
	struct vpath path = { .depth = 0 };
	char path_str[VPATH_MAX_LEN];
	json_t *iface;

	json_object_foreach((json_t *)json_object_get(ch, "bridge_mappings"), net, iface) {
		if (!json_object_get(nets, net))
			continue;
		if (!first) {
			first = net;
			continue;
		}
		vpath_restore(&path, 0);
		vpath_key(&path, "chassis");
		vpath_index(&path, c);
		vpath_key(&path, "bridge_mappings");
		vpath_key(&path, net);
		xovn_errors_add(errs, vpath_str(&path, path_str), "ambiguous-localnet",
				"maps both \"%s\" and \"%s\", localnet networks of switch \"%s\"; "
				"a chassis may map only one", first, net, sw_name ? sw_name : "?");
	}
}

void validate_localnet(struct xovn_errors *errs, const json_t *model)
{
	size_t sw_i, c;
	json_t *sw, *ch;

	json_array_foreach(json_object_get(model, "logical_switches"), sw_i, sw) {
		json_t *nets = switch_networks(errs, sw, sw_i);

		if (json_object_size(nets) > 1)
			json_array_foreach(json_object_get(model, "chassis"), c, ch)
				check_chassis_mappings(errs, ch, c, nets, member_str(sw, "name"));
		json_decref(nets);
	}
}
