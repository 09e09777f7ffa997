// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * semantic_ra.c - a router port's ipv6_ra_configs: every value OVN knows
 * must parse (model/ra.h), and the advertisement they make must fit the
 * datapath's entry.  A configuration on a port without an IPv6 network is
 * not an error: it is stored and sends nothing until the port has one.
 */
#include <stdio.h>

#include "model/ra.h"
#include "model/validate/validate.h"
#include "xovn_maps.h"

#define RA_PATH "$.logical_routers[%zu].ports[%zu].ipv6_ra_configs"

void validate_lrp_ra(struct xovn_errors *errs, const struct xovn_lrp *port)
{
	struct xovn_ra_config cfg;
	uint8_t msg[XOVN_RA_MSG_MAX];
	const char *bad_key;
	char path[160], why[160];

	if (!port->ipv6_ra_configs.n)
		return;
	if (xovn_ra_config_parse(&port->ipv6_ra_configs, &cfg, &bad_key, why, sizeof(why)) < 0) {
		snprintf(path, sizeof(path), RA_PATH ".%s", port->lr->index, port->index, bad_key);
		xovn_errors_add(errs, path, "ra-config", "%s", why);
		return;
	}
	if (cfg.mode != XOVN_RA_NONE && xovn_ra_encode(&cfg, port, msg, sizeof(msg)) < 0) {
		snprintf(path, sizeof(path), RA_PATH, port->lr->index, port->index);
		xovn_errors_add(errs, path, "ra-too-long", "the router advertisement of port's "
				"prefixes and options exceeds %d bytes", XOVN_RA_MSG_MAX);
	}
}
