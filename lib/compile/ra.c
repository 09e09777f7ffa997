// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ra.c - the router advertisement of a switch (xovn_ra), compiled with the
 * switch: its first port of type router whose router port's
 * ipv6_ra_configs has an address_mode and which has a non-link-local IPv6
 * network to announce (ovn-northd answers nothing otherwise).  Every
 * chassis gets it: a VM's solicitation is answered where the VM is.
 */
#include <string.h>

#include "compile/ctx.h"
#include "model/ra.h"

/* 1 with *val filled when port leads to a router port that advertises. */
static int ra_value(const struct compile_ctx *ctx, const struct xovn_lsp *port,
		    struct xovn_ra_val *val)
{
	const struct xovn_lrp *lrp = compile_router_peer(ctx, port);
	struct xovn_ra_config cfg;
	const char *bad_key;
	char why[160];
	int len;

	if (!lrp || !lrp->ipv6_ra_configs.n ||
	    xovn_ra_config_parse(&lrp->ipv6_ra_configs, &cfg, &bad_key, why, sizeof(why)) < 0 ||
	    cfg.mode == XOVN_RA_NONE)
		return 0;  /* a bad value is the validator's to report */
	memset(val, 0, sizeof(*val));
	len = xovn_ra_encode(&cfg, lrp, val->msg, sizeof(val->msg));
	if (len <= 0 || xovn_parse_mac(lrp->mac, val->mac) < 0)
		return 0;
	val->len = (uint16_t)len;
	xovn_eui64_lla(val->mac, val->src);
	return 1;
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
