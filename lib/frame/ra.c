// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ra.c - an unsolicited router advertisement frame: the compiled
 * advertisement (xovn_ra_val) from the router port's MAC and link-local
 * address to all nodes (ff02::1), as xovnd sends it periodically.
 */
#include <string.h>

#include "frame/headers.h"
#include "frame/ra.h"

size_t xovn_frame_ra_all_nodes(uint8_t *buf, size_t cap, const struct xovn_ra_val *ra)
{
	static const uint8_t all_nodes_mac[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	struct xovn_ip6 ip6 = { .next = 58, .hops = 255 };
	size_t len = ra->len, off;
	uint8_t *msg;

	if (len < 16 || len > sizeof(ra->msg) || cap < XOVN_HDR_ETH + XOVN_HDR_IP6 + len)
		return 0;
	memcpy(ip6.src.s6_addr, ra->src, 16);
	ip6.dst.s6_addr[0] = 0xff;
	ip6.dst.s6_addr[1] = 0x02;
	ip6.dst.s6_addr[15] = 1;
	off = xovn_put_eth(buf, all_nodes_mac, ra->mac, 0x86dd);
	off += xovn_put_ipv6(buf + off, &ip6, len);
	msg = buf + off;
	memcpy(msg, ra->msg, len);
	xovn_put16(msg + 2, 0);
	xovn_put16(msg + 2, xovn_csum_pseudo(buf + off - 32, 32, 58, msg, len));
	return off + len;
}
