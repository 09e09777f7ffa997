// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * names_model.c - from the keys the datapath works with back to the names
 * in the (typed) model.  Linear scans: these serve one report at a time,
 * and the model is the source of truth, so nothing is cached that could go
 * stale.
 */
#include <arpa/inet.h>
#include <string.h>

#include "util/addr.h"
#include "model/types.h"
#include "compile/compile.h"
#include "dataplane/names.h"
#include "xovn_maps.h"

static const struct xovn_ls *switch_by_key(const struct xovn_model *m, uint32_t dp_key)
{
	for (size_t i = 0; i < m->n_switches; i++)
		if (m->switches[i]->tunnel_key == (int64_t)dp_key)
			return m->switches[i];
	return NULL;
}

const char *xovn_switch_by_key(const struct xovn_model *m, uint32_t dp_key)
{
	const struct xovn_ls *sw = switch_by_key(m, dp_key);

	return sw ? sw->name : NULL;
}

static const struct xovn_lr *router_by_key(const struct xovn_model *m, uint32_t rtr_key)
{
	for (size_t i = 0; i < m->n_routers; i++)
		if (m->routers[i].tunnel_key == (int64_t)rtr_key)
			return &m->routers[i];
	return NULL;
}

const char *xovn_router_by_key(const struct xovn_model *m, uint32_t rtr_key)
{
	const struct xovn_lr *r = router_by_key(m, rtr_key);

	return r ? r->name : NULL;
}

static const struct xovn_lrp *lrp_of(const struct xovn_model *m, uint32_t rtr_key,
				     uint16_t lrp_key)
{
	const struct xovn_lr *r = router_by_key(m, rtr_key);

	for (size_t i = 0; r && i < r->n_ports; i++)
		if (r->ports[i].tunnel_key == (int64_t)lrp_key)
			return &r->ports[i];
	return NULL;
}

const char *xovn_lrp_by_key(const struct xovn_model *m, uint32_t rtr_key, uint16_t lrp_key)
{
	const struct xovn_lrp *lrp = lrp_of(m, rtr_key, lrp_key);

	return lrp ? lrp->name : NULL;
}

const char *xovn_gateway_by_key(const struct xovn_model *m, uint32_t rtr_key, uint16_t lrp_key)
{
	const struct xovn_lrp *lrp = lrp_of(m, rtr_key, lrp_key);

	return lrp ? xovn_model_active_gateway(m, lrp) : NULL;
}

const char *xovn_port_by_key(const struct xovn_model *m, uint32_t dp_key, uint16_t port_key)
{
	const struct xovn_ls *sw;

	if (port_key == XOVN_MC_FLOOD)
		return "_MC_flood";
	if (port_key == XOVN_MC_UNKNOWN)
		return "_MC_unknown";
	sw = switch_by_key(m, dp_key);
	if (!sw)
		return NULL;
	for (size_t i = 0; i < sw->n_ports; i++)
		if (sw->ports[i].tunnel_key == (int64_t)port_key)
			return sw->ports[i].name;
	return NULL;
}

const char *xovn_chassis_by_ip(const struct xovn_model *m, uint32_t ip)
{
	struct in_addr a;

	for (size_t i = 0; i < m->n_chassis; i++) {
		const char *s = m->chassis[i].encap_ip;

		if (s && xovn_parse_ipv4(s, &a) == 0 && a.s_addr == ip)
			return m->chassis[i].name;
	}
	return NULL;
}

int xovn_port_keys(const struct xovn_model *m, const char *port, uint32_t *dp_key,
		   uint16_t *port_key)
{
	const struct xovn_lsp *p = xovn_model_port(m, port);

	if (!p || p->tunnel_key <= 0 || p->ls->tunnel_key <= 0)
		return -1;
	*dp_key = (uint32_t)p->ls->tunnel_key;
	*port_key = (uint16_t)p->tunnel_key;
	return 0;
}
