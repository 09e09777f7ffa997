// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * garp.c - sends the gratuitous ARPs a map write owes the physical network
 * (lib/dataplane/gw_announce.h): a broadcast ARP request for the gateway
 * port's own address, out of the localnet interface, as OVN's gateway
 * chassis sends when it takes a port over.
 */
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "frame/frame.h"
#include "garp.h"
#include "log.h"

static int send_one(int fd, const struct xovn_gw_announce *a)
{
	char fields[256], ip[INET_ADDRSTRLEN], mac[18], vlan[16] = "", err[128];
	uint8_t frame[128];
	size_t len = 0;
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_ifindex = (int)a->ifindex,
				  .sll_halen = ETH_ALEN };

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
	memset(to.sll_addr, 0xff, ETH_ALEN);
	if (sendto(fd, frame, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		return -1;
	log_info("gratuitous ARP for %s (%s) on ifindex %u: active gateway chassis here", ip, mac,
		 a->ifindex);
	return 0;
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
		log_info("gratuitous ARP: no packet socket: %m");
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (send_one(fd, &a[i]) < 0)
			log_info("gratuitous ARP on ifindex %u failed: %m", a[i].ifindex);
	close(fd);
}
