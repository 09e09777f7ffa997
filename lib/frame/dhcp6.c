// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* dhcp6.c - a DHCPv6 client message in a whole frame (dhcp6.h). */
#include <string.h>

#include "frame/dhcp6.h"
#include "frame/headers.h"

#define DHCP6_CLIENT_PORT 546
#define DHCP6_SERVER_PORT 547

static const uint8_t all_servers_mac[6] = { 0x33, 0x33, 0x00, 0x01, 0x00, 0x02 };
static const uint8_t all_servers_ip[16] = { 0xff, 0x02, [13] = 0x01, [15] = 0x02 };

static uint8_t *put_opt(uint8_t *o, uint16_t code, const void *data, size_t len)
{
	xovn_put16(o, code);
	xovn_put16(o + 2, (uint16_t)len);
	memcpy(o + 4, data, len);
	return o + 4 + len;
}

/* type, xid, client id, [server id], [IA_NA], elapsed time, option request (23, 24). */
static size_t put_message(uint8_t *msg, const struct xovn_dhcp6_client *m)
{
	static const uint8_t oro[] = { 0, 23, 0, 24 }, elapsed[2] = { 0, 0 };
	uint8_t *o = msg + 4;

	msg[0] = m->type;
	msg[1] = (uint8_t)(m->xid >> 16);
	msg[2] = (uint8_t)(m->xid >> 8);
	msg[3] = (uint8_t)m->xid;
	if (m->n_duid)
		o = put_opt(o, 1, m->duid, m->n_duid);
	if (m->server_duid)
		o = put_opt(o, 2, m->server_duid, m->n_server_duid);
	if (m->ia_na) {
		uint8_t ia[12] = { m->iaid >> 24, m->iaid >> 16, m->iaid >> 8, m->iaid };

		o = put_opt(o, 3, ia, sizeof(ia));
	}
	o = put_opt(o, 8, elapsed, sizeof(elapsed));
	o = put_opt(o, 6, oro, sizeof(oro));
	return (size_t)(o - msg);
}

size_t xovn_frame_dhcp6_client(uint8_t *buf, size_t cap, const struct xovn_dhcp6_client *m)
{
	uint8_t msg[512];
	struct xovn_ip6 ip = { .src = m->src, .next = 17, .hops = 1 };
	size_t n, len, udp_off = XOVN_HDR_ETH + XOVN_HDR_IP6;
	uint16_t sum;

	if (m->n_duid > 128 || m->n_server_duid > 128)
		return 0;
	n = put_message(msg, m);
	len = udp_off + XOVN_HDR_UDP + n;
	if (len > cap)
		return 0;
	memcpy(ip.dst.s6_addr, all_servers_ip, 16);
	xovn_put_eth(buf, all_servers_mac, m->mac, 0x86dd);
	xovn_put_ipv6(buf + XOVN_HDR_ETH, &ip, XOVN_HDR_UDP + n);
	xovn_put_udp(buf + udp_off, DHCP6_CLIENT_PORT, DHCP6_SERVER_PORT, n);
	memcpy(buf + udp_off + XOVN_HDR_UDP, msg, n);
	sum = xovn_csum_pseudo(buf + XOVN_HDR_ETH + 8, 32, 17, buf + udp_off, XOVN_HDR_UDP + n);
	xovn_put16(buf + udp_off + 6, sum ? sum : 0xffff);
	return len;
}
