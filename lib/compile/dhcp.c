// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * dhcp.c - native DHCPv4: the xovn_dhcp entry of each local port whose
 * dhcpv4_options row is complete, as ovn-northd decides it.
 *
 * A port gets one when it is a VIF (or container port) living here, its
 * row has server_id, server_mac and lease_time, and one of its addresses
 * lies in the row's cidr (the first such address is offered).  Anything
 * less is incomplete configuration: stored, and no entry, so the port's
 * DHCP is switched like any other broadcast.
 */
#include <string.h>
#include <sys/socket.h>

#include "compile/ctx.h"
#include "model/dhcp.h"
#include "util/addr.h"

int compile_dhcp_index(struct compile_ctx *ctx)
{
	const struct xovn_model *m = ctx->model;

	for (size_t i = 0; i < m->n_dhcp_options; i++) {
		const struct xovn_dhcp_row *row = &m->dhcp_options[i];

		if (row->uuid && name_index_put_new(&ctx->dhcp_by_uuid, row->uuid, row) < 0)
			return -1;
	}
	return 0;
}

/* The port's first "MAC IP..." address with an IPv4 inside the row's cidr. */
static int pick_address(const struct xovn_lsp *port, const struct xovn_dhcp_options *o,
			struct xovn_dhcp_val *val)
{
	struct xovn_lport_addr addr;
	char why[128];

	for (size_t i = 0; i < port->addresses.n; i++) {
		const char *s = port->addresses.v[i];

		if (!s || !strchr(s, ' ') || xovn_parse_lport_addr(s, 0, &addr, why, sizeof(why)) < 0)
			continue;
		for (int k = 0; k < addr.n_ips; k++) {
			if (addr.ips[k].family != AF_INET || !xovn_dhcp_contains(o, &addr.ips[k].v4))
				continue;
			memcpy(val->mac, addr.mac, sizeof(val->mac));
			val->ip = addr.ips[k].v4.s_addr;
			return 1;
		}
	}
	return 0;
}

int compile_dhcp_lives_here(const struct compile_ctx *ctx, const struct xovn_lsp *port)
{
	struct xovn_port_val pv;

	if (port->kind != XOVN_PT_VIF)
		return 0;
	memset(&pv, 0, sizeof(pv));
	compile_place_resident(ctx, port, &pv);
	return (pv.flags & XOVN_PF_LOCAL) != 0;
}

int compile_dhcp_row_here(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			  const char *uuid, int family, struct xovn_dhcp_options *o)
{
	const struct xovn_dhcp_row *row;
	const char *bad;
	char err[256];

	if (!uuid || !compile_dhcp_lives_here(ctx, port))
		return 0;
	row = name_index_get(&ctx->dhcp_by_uuid, uuid);
	return row && xovn_dhcp_from_row(row, o, &bad, err, sizeof(err)) == 0 &&
	       o->family == family && xovn_dhcp_complete(o);
}

int compile_dhcp_value(const struct compile_ctx *ctx, const struct xovn_lsp *port,
		       struct xovn_dhcp_val *val)
{
	struct xovn_dhcp_options o;
	int n;

	if (!compile_dhcp_row_here(ctx, port, port->dhcpv4_options, AF_INET, &o))
		return 0;
	memset(val, 0, sizeof(*val));
	if (!pick_address(port, &o, val))
		return 0;
	n = xovn_dhcp_encode(&o, val->opts, sizeof(val->opts));
	if (n < 0)
		return 0;  /* the validator refuses such a row */
	val->opts_len = (uint16_t)n;
	memcpy(val->server_mac, o.server_mac, sizeof(val->server_mac));
	val->server_ip = o.server_id4.s_addr;
	return 1;
}

int compile_dhcp_emit(struct compile_ctx *ctx, const struct switch_state *st,
		      const struct xovn_lsp *port, uint32_t map, const void *val,
		      uint16_t val_len)
{
	struct xovn_port_key key;

	memset(&key, 0, sizeof(key));
	key.dp_key = st->dp_key;
	key.port_key = (uint16_t)port->tunnel_key;
	return compile_emit(ctx, map, &key, sizeof(key), val, val_len);
}

int compile_dhcp_port(struct compile_ctx *ctx, const struct switch_state *st,
		      const struct xovn_lsp *port)
{
	struct xovn_dhcp_val val;

	if (compile_dhcp_value(ctx, port, &val) != 1)
		return 0;
	return compile_dhcp_emit(ctx, st, port, XOVN_MAP_DHCP, &val, sizeof(val));
}
