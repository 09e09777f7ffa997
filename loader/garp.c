// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * garp.c - sends the announcements a map write owes the physical network
 * (lib/dataplane/gw_announce.h), out of the localnet interface: a
 * broadcast ARP request for the gateway port's own IPv4 address, as OVN's
 * gateway chassis sends when it takes a port over, and an unsolicited
 * neighbour advertisement (override) for each of its IPv6 addresses.
 */
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "frame/frame.h"
#include "frame/na.h"
#include "garp.h"
#include "log.h"

static int send_frame(int fd, const struct xovn_gw_announce *a, const uint8_t *frame, size_t len,
		      const uint8_t *dst_mac)
{
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_ifindex = (int)a->ifindex,
				  .sll_halen = ETH_ALEN };

	memcpy(to.sll_addr, dst_mac, ETH_ALEN);
	return sendto(fd, frame, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0 ? -1 : 0;
}

static int send_arp(int fd, const struct xovn_gw_announce *a)
{
	static const uint8_t broadcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	char fields[256], ip[INET_ADDRSTRLEN], mac[18], vlan[16] = "", err[128];
	uint8_t frame[128];
	size_t len = 0;

	if (!a->ip4)
		return 0;
	inet_ntop(AF_INET, &a->ip4, ip, sizeof(ip));
	snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", a->mac[0], a->mac[1],
		 a->mac[2], a->mac[3], a->mac[4], a->mac[5]);
	if (a->vid)
		snprintf(vlan, sizeof(vlan), " vlan=%u", a->vid);
	snprintf(fields, sizeof(fields), "eth.src=%s eth.dst=ff:ff:ff:ff:ff:ff%s arp.op=1 "
		 "arp.sha=%s arp.spa=%s arp.tpa=%s", mac, vlan, mac, ip, ip);
	if (xovn_frame_from_fields(fields, frame, sizeof(frame), &len, err, sizeof(err)) < 0) {
		log_info("gratuitous ARP for %s: %s", ip, err);
		return -1;
	}
	if (send_frame(fd, a, frame, len, broadcast) < 0)
		return -1;
	log_info("gratuitous ARP for %s (%s) on ifindex %u: active gateway chassis here", ip, mac,
		 a->ifindex);
	return 0;
}

static int send_nas(int fd, const struct xovn_gw_announce *a)
{
	static const uint8_t all_nodes[ETH_ALEN] = { 0x33, 0x33, 0, 0, 0, 1 };
	char ip[INET6_ADDRSTRLEN];
	uint8_t frame[128];
	int rc = 0;

	for (uint32_t i = 0; i < a->n_ip6; i++) {
		size_t len = xovn_frame_unsolicited_na(frame, sizeof(frame), a->mac, a->vid,
						       &a->ip6[i]);

		inet_ntop(AF_INET6, &a->ip6[i], ip, sizeof(ip));
		if (!len || send_frame(fd, a, frame, len, all_nodes) < 0) {
			rc = -1;
			continue;
		}
		log_info("unsolicited NA for %s on ifindex %u: active gateway chassis here", ip,
			 a->ifindex);
	}
	return rc;
}

void garp_after_write(const struct xovn_mapset *up, const struct xovn_mapset *applied)
{
	struct xovn_gw_announce a[16];
	size_t n = xovn_gw_announcements(up, applied, a, sizeof(a) / sizeof(a[0]));
	int fd;

	if (!n)
		return;
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		log_info("gateway announcements: no packet socket: %m");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (send_arp(fd, &a[i]) < 0)
			log_info("gratuitous ARP on ifindex %u failed: %m", a[i].ifindex);
		if (send_nas(fd, &a[i]) < 0)
			log_info("unsolicited NA on ifindex %u failed: %m", a[i].ifindex);
	}
	close(fd);
}
