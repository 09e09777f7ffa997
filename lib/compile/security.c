// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * security.c - a port's port_security column -> xovn_psec_mac, the
 * host-address hashes (xovn_psec_host4/6) and the four subnet tries
 * (IPv4/IPv6 sources allowed in, destinations allowed out).  Single hosts
 * go to the hashes so that the tries, whose lookup cost grows with their
 * size, hold only real subnets; the MAC entry's *_NETS flags tell the
 * datapath which tries are worth a lookup for it.
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

static uint32_t v4_mask(int plen)
{
	return plen == 0 ? 0 : htonl(0xffffffffu << (32 - plen));
}

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

/* A zero host part (under a mask shorter than the address) names a subnet. */
static int is_subnet(const struct xovn_ip *ip)
{
	uint8_t net[16];

	if (ip->family == AF_INET)
		return ip->plen < 32 && (ip->v4.s_addr & ~v4_mask(ip->plen)) == 0;
	v6_apply_mask(net, ip->v6.s6_addr, ip->plen);
	return ip->plen < 128 && memcmp(net, ip->v6.s6_addr, sizeof(net)) == 0;
}

static uint8_t ip_flags(const struct xovn_ip *ip)
{
	if (ip->family == AF_INET)
		return XOVN_PSEC_IPV4 | (is_subnet(ip) ? XOVN_PSEC_IN4_NETS | XOVN_PSEC_OUT4_NETS : 0);
	return XOVN_PSEC_IPV6 | (is_subnet(ip) ? XOVN_PSEC_IN6_NETS | XOVN_PSEC_OUT6_NETS : 0);
}

static uint8_t entry_flags(const struct xovn_lport_addr *a)
{
	uint8_t flags = 0;

	for (int i = 0; i < a->n_ips; i++)
		flags |= ip_flags(&a->ips[i]);
	return flags;
}

/* Every address key (trie or hash, IPv4 or IPv6) is built as the IPv6 trie
 * key and cut after the address: they share their layout up to it, the
 * first word holding the prefix length (trie) or the direction (hash). */
_Static_assert(offsetof(struct xovn_psec_ip4_key, ip) == offsetof(struct xovn_psec_ip6_key, ip) &&
		       offsetof(struct xovn_psec_host4_key, ip) ==
			       offsetof(struct xovn_psec_ip6_key, ip) &&
		       offsetof(struct xovn_psec_host6_key, ip) ==
			       offsetof(struct xovn_psec_ip6_key, ip),
	       "port security keys share their head");
_Static_assert(sizeof(struct xovn_psec_ip4_key) ==
			       offsetof(struct xovn_psec_ip4_key, ip) + sizeof(uint32_t) &&
		       sizeof(struct xovn_psec_host4_key) == sizeof(struct xovn_psec_ip4_key) &&
		       sizeof(struct xovn_psec_host6_key) == sizeof(struct xovn_psec_ip6_key),
	       "port security keys end at their address");

static int emit_addr(struct compile_ctx *ctx, uint32_t map, const struct xovn_psec_mac_key *mk,
		     uint32_t head, const void *ip, size_t ip_len)
{
	struct xovn_psec_ip6_key k;
	uint32_t one = 1;

	memset(&k, 0, sizeof(k));
	k.prefixlen = head;
	k.dp_key = mk->dp_key;
	k.port_key = mk->port_key;
	memcpy(k.mac, mk->mac, sizeof(k.mac));
	memcpy(k.ip, ip, ip_len);
	return compile_emit(ctx, map, &k, offsetof(struct xovn_psec_ip6_key, ip) + ip_len, &one,
			    sizeof(one));
}

/* A subnet, into one of the tries. */
static int emit_net(struct compile_ctx *ctx, uint32_t map, const struct xovn_psec_mac_key *mk,
		    const void *ip, size_t ip_len, int plen)
{
	return emit_addr(ctx, map, mk, XOVN_PSEC_FIXED_BITS + plen, ip, ip_len);
}

static int emit_host4(struct compile_ctx *ctx, const struct xovn_psec_mac_key *mk, uint32_t dir,
		      uint32_t ip)
{
	return emit_addr(ctx, XOVN_MAP_PSEC_HOST4, mk, dir, &ip, sizeof(ip));
}

static int emit_host6(struct compile_ctx *ctx, const struct xovn_psec_mac_key *mk, uint32_t dir,
		      const uint8_t ip[16])
{
	return emit_addr(ctx, XOVN_MAP_PSEC_HOST6, mk, dir, ip, 16);
}

/* ---- IPv4 ---------------------------------------------------------------- */

static int emit_v4(struct compile_ctx *ctx, uint32_t map, const struct xovn_psec_mac_key *mk,
		   uint32_t ip, int plen)
{
	return emit_net(ctx, map, mk, &ip, sizeof(ip), plen);
}

static int emit_ipv4(struct compile_ctx *ctx, const struct xovn_psec_mac_key *mk,
		     const struct xovn_ip *ip)
{
	uint32_t mask = v4_mask(ip->plen), addr = ip->v4.s_addr;

	if (is_subnet(ip)) {
		return emit_v4(ctx, XOVN_MAP_PSEC_IN4, mk, addr, ip->plen) ||
		       emit_v4(ctx, XOVN_MAP_PSEC_OUT4, mk, addr, ip->plen);
	}
	if (emit_host4(ctx, mk, XOVN_PSEC_DIR_IN, addr) ||
	    emit_host4(ctx, mk, XOVN_PSEC_DIR_OUT, addr))
		return -1;
	if (ip->plen == 32)
		return 0;
	return emit_host4(ctx, mk, XOVN_PSEC_DIR_OUT, (addr & mask) | ~mask);
}

/* ---- IPv6 ---------------------------------------------------------------- */

static int emit_host6_both(struct compile_ctx *ctx, const struct xovn_psec_mac_key *mk,
			   const uint8_t ip[16])
{
	return emit_host6(ctx, mk, XOVN_PSEC_DIR_IN, ip) ||
	       emit_host6(ctx, mk, XOVN_PSEC_DIR_OUT, ip);
}

static int emit_ipv6(struct compile_ctx *ctx, const struct xovn_psec_mac_key *mk,
		     const struct xovn_ip *ip)
{
	if (is_subnet(ip)) {
		return emit_net(ctx, XOVN_MAP_PSEC_IN6, mk, ip->v6.s6_addr, 16, ip->plen) ||
		       emit_net(ctx, XOVN_MAP_PSEC_OUT6, mk, ip->v6.s6_addr, 16, ip->plen);
	}
	return emit_host6_both(ctx, mk, ip->v6.s6_addr);
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
	if (rc == 0 && (entry_flags(a) & XOVN_PSEC_IPV6)) {
		xovn_eui64_lla(a->mac, lla);
		rc = emit_host6_both(ctx, mk, lla);
	}
	return rc ? -1 : 0;
}

/* Two entries may name the same MAC: its flags are the union of theirs. */
static uint8_t merged_flags(const struct xovn_lport_addr *all, size_t n, const uint8_t mac[6])
{
	uint8_t flags = 0;

	for (size_t i = 0; i < n; i++) {
		if (memcmp(all[i].mac, mac, 6) == 0)
			flags |= entry_flags(&all[i]);
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
