// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * na.c - the unsolicited neighbour advertisement a gateway chassis sends
 * when it takes a port over: hosts and switches on the physical network
 * that cached the address move it to the frame's MAC and port at once.
 */
#include <string.h>

#include "frame/headers.h"
#include "frame/na.h"

#define ICMP6_NA 136
#define NA_OVERRIDE 0x20
#define ND_OPT_TARGET_LL 2
#define PROTO_ICMP6 58

size_t xovn_frame_unsolicited_na(uint8_t *buf, size_t cap, const uint8_t mac[6], uint16_t vid,
				 const struct in6_addr *target)
{
	static const uint8_t all_nodes_mac[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	struct xovn_ip6 ip6 = { .src = *target, .next = PROTO_ICMP6, .hops = 255 };
	size_t off, len;
	uint8_t *msg;

	if (cap < XOVN_HDR_ETH + (vid ? XOVN_HDR_TAG : 0) + XOVN_HDR_IP6 + 32)
		return 0;
	ip6.dst.s6_addr[0] = 0xff;
	ip6.dst.s6_addr[1] = 0x02;
	ip6.dst.s6_addr[15] = 1;
	off = xovn_put_eth(buf, all_nodes_mac, mac, 0x86dd);
	msg = buf + off + XOVN_HDR_IP6;
	len = xovn_put_nd(msg, ICMP6_NA, NA_OVERRIDE, target, ND_OPT_TARGET_LL, mac);
	off += xovn_put_ipv6(buf + off, &ip6, len);
	xovn_put16(msg + 2, xovn_csum_pseudo(msg - 32, 32, PROTO_ICMP6, msg, len));
	off += len;
	return vid ? xovn_insert_tag(buf, off, cap, 0x8100, vid) : off;
}
