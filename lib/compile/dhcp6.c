// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * dhcp6.c - native DHCPv6: the xovn_dhcp6 entry of each local port whose
 * dhcpv6_options row is complete, as ovn-northd decides it.
 *
 * A port gets one when it is a VIF (or container port) living here, its
 * row has server_id, and one of its IPv6 addresses lies in the row's cidr:
 * that address is offered in an IA_NA unless the row says
 * dhcpv6_stateless=true (then the replies carry options only).  Anything
 * less is incomplete configuration: stored, and no entry, so the port's
 * DHCPv6 is switched like any other multicast.
 */
#include <string.h>
#include <sys/socket.h>

#include "compile/ctx.h"
#include "model/dhcp.h"
#include "util/addr.h"

/* The port's first "MAC IP..." address with an IPv6 inside the row's cidr. */
static int pick_address6(const struct xovn_lsp *port, const struct xovn_dhcp_options *o,
			 struct xovn_dhcp6_val *val)
{
	struct xovn_lport_addr addr;
	char why[128];

	for (size_t i = 0; i < port->addresses.n; i++) {
		const char *s = port->addresses.v[i];

		if (!s || !strchr(s, ' ') || xovn_parse_lport_addr(s, 0, &addr, why, sizeof(why)) < 0)
			continue;
		for (int k = 0; k < addr.n_ips; k++) {
			if (addr.ips[k].family != AF_INET6 ||
			    !xovn_dhcp_contains(o, &addr.ips[k].v6))
				continue;
			memcpy(val->mac, addr.mac, sizeof(val->mac));
			memcpy(val->ip, &addr.ips[k].v6, sizeof(val->ip));
			return 1;
		}
	}
	return 0;
}

int compile_dhcp6_value(const struct compile_ctx *ctx, const struct xovn_lsp *port,
			struct xovn_dhcp6_val *val)
{
	struct xovn_dhcp_options o;
	int n;

	if (!compile_dhcp_row_here(ctx, port, port->dhcpv6_options, AF_INET6, &o))
		return 0;
	memset(val, 0, sizeof(*val));
	if (!pick_address6(port, &o, val))
		return 0;
	n = xovn_dhcp6_encode(&o, val->opts, sizeof(val->opts));
	if (n < 0)
		return 0;  /* the validator refuses such a row */
	val->opts_len = (uint16_t)n;
	memcpy(val->server_mac, o.server_id6, sizeof(val->server_mac));
	xovn_eui64_lla(o.server_id6, val->server_ip);
	if (o.stateless)
		memset(val->ip, 0, sizeof(val->ip));
	else
		val->flags |= XOVN_DHCP6_STATEFUL;
	return 1;
}

int compile_dhcp6_port(struct compile_ctx *ctx, const struct switch_state *st,
		       const struct xovn_lsp *port)
{
	struct xovn_dhcp6_val val;

	if (compile_dhcp6_value(ctx, port, &val) != 1)
		return 0;
	return compile_dhcp_emit(ctx, st, port, XOVN_MAP_DHCP6, &val, sizeof(val));
}
