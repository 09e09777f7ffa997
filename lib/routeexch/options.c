// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* options.c - a router's and its ports' dynamic routing options (routeexch.h). */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routeexch/routeexch.h"

static const struct {
	const char *name;
	unsigned bit;
} redist_names[] = {
	{ "connected", XOVN_REDIST_CONNECTED },
	{ "connected-as-host", XOVN_REDIST_CONNECTED_AS_HOST },
	{ "static", XOVN_REDIST_STATIC },
	{ "nat", XOVN_REDIST_NAT },
	{ "lb", XOVN_REDIST_LB },
};

static int redist_bit(const char *word, size_t n, unsigned *bit)
{
	for (size_t i = 0; i < sizeof(redist_names) / sizeof(redist_names[0]); i++) {
		if (strlen(redist_names[i].name) == n && strncmp(word, redist_names[i].name, n) == 0) {
			*bit = redist_names[i].bit;
			return 0;
		}
	}
	return -1;
}

int xovn_redistribute_parse(const char *text, unsigned *bits, char *err, size_t len)
{
	const char *p = text;

	*bits = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		unsigned bit;

		if (redist_bit(p, n, &bit) < 0) {
			snprintf(err, len, "\"%.*s\" is not a kind to redistribute (connected, "
				 "connected-as-host, static, nat, lb)", (int)n, p);
			return -1;
		}
		*bits |= bit;
		p += n + (p[n] == ',');
	}
	return 0;
}

unsigned xovn_lrp_redistribute(const struct xovn_lrp *p, unsigned router_bits)
{
	const char *own = xovn_smap_get(&p->options, "dynamic-routing-redistribute");
	unsigned bits;
	char err[8];

	if (!own)
		return router_bits;
	return xovn_redistribute_parse(own, &bits, err, sizeof(err)) == 0 ? bits : 0;
}

int xovn_table_id_ok(int64_t id)
{
	return id > 0 && id <= UINT32_MAX && (id < 252 || id > 255);
}

/* The table: dynamic-routing-vrf-id, else the router's tunnel key (as OVN does). */
static int table_of(const struct xovn_lr *r, uint32_t *table, char *err, size_t len)
{
	const char *text = xovn_smap_get(&r->options, "dynamic-routing-vrf-id");
	char *end;
	long long id;

	if (!text) {
		if (!r->has_tunnel_key || !xovn_table_id_ok(r->tunnel_key)) {
			snprintf(err, len, "no dynamic-routing-vrf-id and the tunnel key is not a "
				 "routing table id (1-251, 256-4294967295)");
			return -1;
		}
		*table = (uint32_t)r->tunnel_key;
		return 0;
	}
	errno = 0;
	id = strtoll(text, &end, 10);
	if (errno || end == text || *end || !xovn_table_id_ok(id)) {
		snprintf(err, len, "dynamic-routing-vrf-id \"%s\" is not a routing table id "
			 "(1-251, 256-4294967295)", text);
		return -1;
	}
	*table = (uint32_t)id;
	return 0;
}

int xovn_dynrouting_of(const struct xovn_lr *r, struct xovn_dynrouting *out, char *err,
		       size_t len)
{
	const char *on = xovn_smap_get(&r->options, "dynamic-routing");
	const char *redist = xovn_smap_get(&r->options, "dynamic-routing-redistribute");

	memset(out, 0, sizeof(*out));
	if (on && strcmp(on, "true") && strcmp(on, "false")) {
		snprintf(err, len, "dynamic-routing \"%s\" is neither true nor false", on);
		return -1;
	}
	if (!on || strcmp(on, "true"))
		return 0;
	out->vrf_name = xovn_smap_get(&r->options, "dynamic-routing-vrf-name");
	if (out->vrf_name && (!out->vrf_name[0] || strlen(out->vrf_name) >= IFNAMSIZ)) {
		snprintf(err, len, "dynamic-routing-vrf-name \"%s\" is not an interface name "
			 "(1-%d characters)", out->vrf_name, IFNAMSIZ - 1);
		return -1;
	}
	if (redist && xovn_redistribute_parse(redist, &out->redistribute, err, len) < 0)
		return -1;
	return table_of(r, &out->table_id, err, len) < 0 ? -1 : 1;
}
