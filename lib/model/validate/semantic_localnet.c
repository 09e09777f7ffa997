// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * semantic_localnet.c - localnet ports and bridge mappings.
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

/*
 * network_name -> the first localnet port of sw on it (reporting the
 * others); returns how many networks the switch's localnet ports are on.
 */
static size_t switch_networks(struct xovn_errors *errs, const struct xovn_ls *sw,
			      struct name_index *nets)
{
	char path[256], first_path[256];

	for (size_t j = 0; j < sw->n_ports; j++) {
		const struct xovn_lsp *port = &sw->ports[j];
		const char *net = xovn_smap_get(&port->options, "network_name");
		const struct xovn_lsp *first;

		if (!net || !*net || strcmp(lsp_type(port), "localnet") != 0)
			continue;
		first = name_index_get(nets, net);
		if (first)
			xovn_errors_add(errs, lsp_path(path, sizeof(path), port, ".options.network_name"),
					"duplicate-network",
					"network \"%s\" already has a localnet port on this switch at %s",
					net, lsp_path(first_path, sizeof(first_path), first,
						      ".options.network_name"));
		else
			name_index_put_new(nets, net, port);
	}
	return nets->n;
}

/* Reports every mapping of ch beyond the first into the networks of one switch. */
static void check_chassis_mappings(struct xovn_errors *errs, const struct xovn_chassis *ch,
				   const struct name_index *nets, const char *sw_name)
{
	const char *first = NULL;
	struct vpath path = { .depth = 0 };
	char path_str[VPATH_MAX_LEN];

	for (size_t i = 0; i < ch->bridge_mappings.n; i++) {
		const char *net = ch->bridge_mappings.v[i].key;

		if (!name_index_get(nets, net))
			continue;
		if (!first) {
			first = net;
			continue;
		}
		vpath_restore(&path, 0);
		vpath_key(&path, "chassis");
		vpath_index(&path, ch->index);
		vpath_key(&path, "bridge_mappings");
		vpath_key(&path, net);
		xovn_errors_add(errs, vpath_str(&path, path_str), "ambiguous-localnet",
				"maps both \"%s\" and \"%s\", localnet networks of switch \"%s\"; "
				"a chassis may map only one", first, net, sw_name ? sw_name : "?");
	}
}

void validate_localnet(struct xovn_errors *errs, const struct xovn_model *m)
{
	struct name_index nets;

	name_index_init(&nets);
	for (size_t i = 0; i < m->n_switches; i++) {
		const struct xovn_ls *sw = m->switches[i];

		name_index_clear(&nets);
		if (switch_networks(errs, sw, &nets) > 1)
			for (size_t c = 0; c < m->n_chassis; c++)
				check_chassis_mappings(errs, &m->chassis[c], &nets, sw->name);
	}
	name_index_free(&nets);
}
