// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * security.c - a port's port_security column -> xovn_psec_mac and
 * the four address tries (IPv4/IPv6 sources allowed in, destinations
 * allowed out).
 *
 * Address rules, as in OVN: an address whose host part (under its mask) is
 * non-zero allows that one host, and on the way out also the subnet's
 * broadcast; an address with a zero host part allows the whole subnet.  An
 * entry listing IPv6 addresses also allows the link-local address derived
 * from its MAC (EUI-64), which every IPv6 host uses for neighbour discovery.
 */
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "util/addr.h"
#include "compile/ctx.h"

static const char *port_name(const struct xovn_lsp *port)
{
	return port->name ? port->name : "?";
}

static uint8_t family_flags(const struct xovn_lport_addr *a)
{
	uint8_t flags = 0;

	for (int i = 0; i < a->n_ips; i++)
		flags |= a->ips[i].family == AF_INET ? XOVN_PSEC_IPV4 : XOVN_PSEC_IPV6;
	return flags;
}

/* The IPv4 and IPv6 keys share their head, so both are built as the IPv6 one
 * and cut after the address. */
_Static_assert(offsetof(struct xovn_psec_ip4_key, ip) == offsetof(struct xovn_psec_ip6_key, ip),
	       "port security keys share their head");
_Static_assert(sizeof(struct xovn_psec_ip4_key) ==
		       offsetof(struct xovn_psec_ip4_key, ip) + sizeof(uint32_t),
	       "IPv4 port security key ends at its address");

static int emit_psec(struct compile_ctx *ctx, uint32_t map, const struct xovn_psec_mac_key *mk,
		     const void *ip, size_t ip_len, int plen)
{
	struct xovn_psec_ip6_key k;
	uint32_t one = 1;

	memset(&k, 0, sizeof(k));
	k.prefixlen = XOVN_PSEC_FIXED_BITS + plen;
	k.dp_key = mk->dp_key;
	k.port_key = mk->port_key;
	memcpy(k.mac, mk->mac, sizeof(k.mac));
	memcpy(k.ip, ip, ip_len);
	return compile_emit(ctx, map, &k, offsetof(struct xovn_psec_ip6_key, ip) + ip_len, &one,
			    sizeof(one));
}

/* ---- IPv4 ---------------------------------------------------------------- */

static uint32_t v4_mask(int plen)
{
	return plen == 0 ? 0 : htonl(0xffffffffu << (32 - plen));
}

static int emit_v4(struct compile_ctx *ctx, uint32_t map, const struct xovn_psec_mac_key *mk,
		   uint32_t ip, int plen)
{
	return emit_psec(ctx, map, mk, &ip, sizeof(ip), plen);
}

static int emit_ipv4(struct compile_ctx *ctx, const struct xovn_psec_mac_key *mk,
		     const struct xovn_ip *ip)
{
	uint32_t mask = v4_mask(ip->plen), addr = ip->v4.s_addr;

	if ((addr & ~mask) == 0 && ip->plen < 32) {
		/* Host part zero: the whole subnet, both ways. */
		return emit_v4(ctx, XOVN_MAP_PSEC_IN4, mk, addr, ip->plen) ||
		       emit_v4(ctx, XOVN_MAP_PSEC_OUT4, mk, addr, ip->plen);
	}
	if (emit_v4(ctx, XOVN_MAP_PSEC_IN4, mk, addr, 32) ||
	    emit_v4(ctx, XOVN_MAP_PSEC_OUT4, mk, addr, 32))
		return -1;
	if (ip->plen == 32)
		return 0;
	return emit_v4(ctx, XOVN_MAP_PSEC_OUT4, mk, (addr & mask) | ~mask, 32);
}

/* ---- IPv6 ---------------------------------------------------------------- */

static void v6_apply_mask(uint8_t out[16], const uint8_t in[16], int plen)
{
	for (int i = 0; i < 16; i++) {
		int bits = plen - 8 * i;

		if (bits >= 8)
			out[i] = in[i];
		else if (bits <= 0)
			out[i] = 0;
		else
			out[i] = in[i] & (uint8_t)(0xff << (8 - bits));
	}
}

static int emit_v6(struct compile_ctx *ctx, uint32_t map, const struct xovn_psec_mac_key *mk,
		   const uint8_t ip[16], int plen)
{
	return emit_psec(ctx, map, mk, ip, 16, plen);
}

static int emit_v6_both(struct compile_ctx *ctx, const struct xovn_psec_mac_key *mk,
			const uint8_t ip[16], int plen)
{
	return emit_v6(ctx, XOVN_MAP_PSEC_IN6, mk, ip, plen) ||
	       emit_v6(ctx, XOVN_MAP_PSEC_OUT6, mk, ip, plen);
}

static int emit_ipv6(struct compile_ctx *ctx, const struct xovn_psec_mac_key *mk,
		     const struct xovn_ip *ip)
{
	const uint8_t *addr = ip->v6.s6_addr;
	uint8_t net[16];

	v6_apply_mask(net, addr, ip->plen);
	if (ip->plen < 128 && memcmp(net, addr, sizeof(net)) == 0)
		return emit_v6_both(ctx, mk, net, ip->plen);
	return emit_v6_both(ctx, mk, addr, 128);
}

void xovn_eui64_lla(const uint8_t mac[6], uint8_t lla[16])
{
	memset(lla, 0, 16);
	lla[0] = 0xfe;
	lla[1] = 0x80;
	lla[8] = mac[0] ^ 0x02; /* flip the universal/local bit */
	lla[9] = mac[1];
	lla[10] = mac[2];
	lla[11] = 0xff;
	lla[12] = 0xfe;
	lla[13] = mac[3];
	lla[14] = mac[4];
	lla[15] = mac[5];
}

/* ---- one port -------------------------------------------------------------- */

static int emit_entry(struct compile_ctx *ctx, const struct xovn_psec_mac_key *mk,
		      const struct xovn_lport_addr *a, uint8_t flags)
{
	struct xovn_psec_mac_val mv;
	uint8_t lla[16];
	int rc = 0;

	memset(&mv, 0, sizeof(mv));
	mv.flags = flags;
	if (compile_emit(ctx, XOVN_MAP_PSEC_MAC, mk, sizeof(*mk), &mv, sizeof(mv)) < 0)
		return -1;
	for (int i = 0; i < a->n_ips && rc == 0; i++)
		rc = a->ips[i].family == AF_INET ? emit_ipv4(ctx, mk, &a->ips[i])
						 : emit_ipv6(ctx, mk, &a->ips[i]);
	if (rc == 0 && (family_flags(a) & XOVN_PSEC_IPV6)) {
		xovn_eui64_lla(a->mac, lla);
		rc = emit_v6_both(ctx, mk, lla, 128);
	}
	return rc ? -1 : 0;
}

/* Two entries may name the same MAC: its families are the union of theirs. */
static uint8_t merged_flags(const struct xovn_lport_addr *all, size_t n, const uint8_t mac[6])
{
	uint8_t flags = 0;

	for (size_t i = 0; i < n; i++) {
		if (memcmp(all[i].mac, mac, 6) == 0)
			flags |= family_flags(&all[i]);
	}
	return flags;
}

static int parse_all(struct compile_ctx *ctx, const struct xovn_lsp *port,
		     struct xovn_lport_addr *all)
{
	char why[128];

	for (size_t i = 0; i < port->port_security.n; i++) {
		const char *s = port->port_security.v[i];

		if (!s || xovn_parse_lport_addr(s, 1, &all[i], why, sizeof(why)) < 0)
			return compile_fail(ctx, "port '%s': port_security \"%s\": %s", port_name(port),
					    s ? s : "(not a string)", s ? why : "expected a string");
	}
	return 0;
}

int compile_port_security(struct compile_ctx *ctx, const struct switch_state *st,
			  const struct xovn_lsp *port)
{
	size_t n = port->port_security.n;
	struct xovn_psec_mac_key mk;
	struct xovn_lport_addr *all;
	int rc = 0;

	if (n == 0)
		return 0;
	all = calloc(n, sizeof(*all));
	if (!all)
		return compile_fail(ctx, "out of memory compiling port security");
	if (parse_all(ctx, port, all) < 0) {
		free(all);
		return -1;
	}
	memset(&mk, 0, sizeof(mk));
	mk.dp_key = st->dp_key;
	mk.port_key = (uint16_t)port->tunnel_key;
	for (size_t i = 0; i < n && rc == 0; i++) {
		memcpy(mk.mac, all[i].mac, sizeof(mk.mac));
		rc = emit_entry(ctx, &mk, &all[i], merged_flags(all, n, all[i].mac));
	}
	free(all);
	return rc;
}
