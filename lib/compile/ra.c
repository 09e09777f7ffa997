// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ra.c - the router advertisement of a switch (xovn_ra), compiled with the
 * switch: its first port of type router whose router port's
 * ipv6_ra_configs has an address_mode and which has a non-link-local IPv6
 * network to announce (ovn-northd answers nothing otherwise).  Every
 * chassis gets it: a VM's solicitation is answered where the VM is.
 *
 * xovn_ra_periodic_list gives xovnd the same advertisement for each VIF of
 * this chassis on a switch whose router port says send_periodic=true.
 */
#include <stdlib.h>
#include <string.h>

#include "compile/ctx.h"
#include "model/ra.h"

/* 1 with *val and *cfg filled when router port lrp advertises. */
static int lrp_ra_value(const struct xovn_lrp *lrp, struct xovn_ra_config *cfg,
			struct xovn_ra_val *val)
{
	const char *bad_key;
	char why[160];
	int len;

	if (!lrp || !lrp->ipv6_ra_configs.n ||
	    xovn_ra_config_parse(&lrp->ipv6_ra_configs, cfg, &bad_key, why, sizeof(why)) < 0 ||
	    cfg->mode == XOVN_RA_NONE)
		return 0;  /* a bad value is the validator's to report */
	memset(val, 0, sizeof(*val));
	len = xovn_ra_encode(cfg, lrp, val->msg, sizeof(val->msg));
	if (len <= 0 || xovn_parse_mac(lrp->mac, val->mac) < 0)
		return 0;
	val->len = (uint16_t)len;
	xovn_eui64_lla(val->mac, val->src);
	return 1;
}

static int ra_value(const struct compile_ctx *ctx, const struct xovn_lsp *port,
		    struct xovn_ra_val *val)
{
	struct xovn_ra_config cfg;

	return lrp_ra_value(compile_router_peer(ctx, port), &cfg, val);
}

int compile_ra_port(struct compile_ctx *ctx, struct switch_state *st,
		    const struct xovn_lsp *port)
{
	struct xovn_ra_val val;

	if (st->has_ra || port->kind != XOVN_PT_ROUTER || !ra_value(ctx, port, &val))
		return 0;
	st->has_ra = 1;
	return compile_emit(ctx, XOVN_MAP_RA, &st->dp_key, sizeof(st->dp_key), &val, sizeof(val));
}

/* ---- periodic advertisements (xovnd) ----------------------------------------- */

/* The advertising router port of sw by lrps (name -> enabled LRP), NULL when none. */
static const struct xovn_lrp *switch_advertiser(const struct xovn_ls *sw,
					       const struct name_index *lrps,
					       struct xovn_ra_config *cfg, struct xovn_ra_val *val)
{
	for (size_t j = 0; j < sw->n_ports; j++) {
		const struct xovn_lsp *p = &sw->ports[j];
		const char *name = xovn_smap_get(&p->options, "router-port");
		const struct xovn_lrp *lrp = name ? name_index_get(lrps, name) : NULL;

		if (p->kind == XOVN_PT_ROUTER && lrp && compile_lrp_enabled(lrp) &&
		    lrp_ra_value(lrp, cfg, val))
			return lrp;
	}
	return NULL;
}

static int index_lrps(const struct xovn_model *m, struct name_index *lrps)
{
	for (size_t i = 0; i < m->n_routers; i++)
		for (size_t j = 0; j < m->routers[i].n_ports; j++) {
			const struct xovn_lrp *lrp = &m->routers[i].ports[j];

			if (lrp->name && name_index_put_new(lrps, lrp->name, lrp) < 0)
				return -1;
		}
	return 0;
}

/* Ports of switches that send periodic advertisements -> their entry in senders[]. */
static int index_periodic_ports(const struct xovn_model *m, const struct name_index *lrps,
				struct name_index *ports, struct xovn_ra_periodic *senders,
				size_t *n)
{
	for (size_t i = 0; i < m->n_switches; i++) {
		struct xovn_ra_periodic *s = &senders[*n];
		const struct xovn_ls *sw = m->switches[i];
		struct xovn_ra_config cfg;

		if (!switch_advertiser(sw, lrps, &cfg, &s->ra) || !cfg.send_periodic)
			continue;
		s->min_interval = cfg.min_interval;
		s->max_interval = cfg.max_interval;
		for (size_t j = 0; j < sw->n_ports; j++)
			if (sw->ports[j].name && name_index_put(ports, sw->ports[j].name, s) < 0)
				return -1;
		(*n)++;
	}
	return 0;
}

int xovn_ra_periodic_list(const struct xovn_model *m, const char *chassis,
			  struct xovn_ra_periodic **out, size_t *n_out)
{
	const struct xovn_chassis *ch = xovn_model_chassis(m, chassis);
	struct xovn_ra_periodic *per_switch, *v = NULL;
	struct name_index lrps, ports;
	size_t n_sw = 0, n = 0;
	int rc = -1;

	*out = NULL;
	*n_out = 0;
	per_switch = calloc(m->n_switches + 1, sizeof(*per_switch));
	if (ch)
		v = calloc(ch->n_vifs + 1, sizeof(*v));
	name_index_init(&lrps);
	name_index_init(&ports);
	if (!per_switch || (ch && !v) || index_lrps(m, &lrps) < 0 ||
	    index_periodic_ports(m, &lrps, &ports, per_switch, &n_sw) < 0)
		goto done;
	for (size_t i = 0; ch && n_sw && i < ch->n_vifs; i++) {
		const struct xovn_vif *vif = &ch->vifs[i];
		const struct xovn_ra_periodic *s = vif->port ? name_index_get(&ports, vif->port)
							       : NULL;

		if (!s || !vif->iface || strlen(vif->iface) >= sizeof(v[n].ifname))
			continue;
		v[n] = *s;
		memcpy(v[n].ifname, vif->iface, strlen(vif->iface) + 1);
		n++;
	}
	*out = v;
	*n_out = n;
	v = NULL;
	rc = 0;
done:
	name_index_free(&ports);
	name_index_free(&lrps);
	free(per_switch);
	free(v);
	return rc;
}
