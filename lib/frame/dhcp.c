// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* dhcp.c - a DHCPv4 client message in a whole frame (dhcp.h). */
#include <string.h>

#include "frame/dhcp.h"
#include "frame/headers.h"

#define BOOTP_OPTIONS 240        /* fixed fields and the magic cookie */
#define DHCP_CLIENT_PORT 68
#define DHCP_SERVER_PORT 67

static const uint8_t broadcast_mac[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static uint8_t *put_option(uint8_t *o, uint8_t code, const void *data, size_t len)
{
	*o++ = code;
	*o++ = (uint8_t)len;
	memcpy(o, data, len);
	return o + len;
}

/* Options 53 [50] [54] [55] [12] end; the space after them stays zero (padding). */
static void put_options(uint8_t *o, const struct xovn_dhcp_client *m)
{
	o = put_option(o, 53, &m->type, 1);
	if (m->requested.s_addr)
		o = put_option(o, 50, &m->requested, 4);
	if (m->server_id.s_addr)
		o = put_option(o, 54, &m->server_id, 4);
	if (m->n_params)
		o = put_option(o, 55, m->params, m->n_params);
	if (m->hostname)
		o = put_option(o, 12, m->hostname, strlen(m->hostname));
	*o = 255;
}

static void put_bootp(uint8_t *bp, const struct xovn_dhcp_client *m)
{
	static const uint8_t cookie[4] = { 0x63, 0x82, 0x53, 0x63 };

	memset(bp, 0, XOVN_DHCP_BOOTP_LEN);
	bp[0] = 1;                   /* BOOTREQUEST */
	bp[1] = 1;                   /* Ethernet */
	bp[2] = 6;
	xovn_put16(bp + 4, (uint16_t)(m->xid >> 16));
	xovn_put16(bp + 6, (uint16_t)m->xid);
	xovn_put16(bp + 8, m->secs);
	bp[10] = m->broadcast ? 0x80 : 0;
	memcpy(bp + 12, &m->ciaddr, 4);
	memcpy(bp + 28, m->chaddr, 6);
	memcpy(bp + 236, cookie, sizeof(cookie));
	put_options(bp + BOOTP_OPTIONS, m);
}

size_t xovn_frame_dhcp_client(uint8_t *buf, const struct xovn_dhcp_client *m)
{
	struct xovn_ip4 ip = { .src = m->ciaddr, .dst = { INADDR_BROADCAST }, .proto = IPPROTO_UDP,
			       .ttl = 64 };
	uint8_t *p = buf;

	p += xovn_put_eth(p, broadcast_mac, m->chaddr, 0x0800);
	p += xovn_put_ipv4(p, &ip, XOVN_HDR_UDP + XOVN_DHCP_BOOTP_LEN);
	p += xovn_put_udp(p, DHCP_CLIENT_PORT, DHCP_SERVER_PORT, XOVN_DHCP_BOOTP_LEN);
	put_bootp(p, m);
	return XOVN_DHCP_FRAME_LEN;
}
