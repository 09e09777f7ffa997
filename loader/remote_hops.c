// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* remote_hops.c - xovn_remote_hops from the kernel's tables (remote_hops.h). */
#include <bpf/bpf.h>
#include <arpa/inet.h>
#include <errno.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dataplane/remote_hop.h"
#include "log.h"
#include "neigh.h"
#include "remote_hops.h"
#include "rtnl.h"
#include "util/u32_list.h"

#define XOVN_GENEVE_UDP_PORT 6081

struct route_req {
	struct nlmsghdr nh;
	struct rtmsg rtm;
	char attrs[128];
};

/*
 * The route the FIB lookup of the datapath would find: output through the
 * underlay, from the encap IP, UDP to the Geneve port; answered as the
 * table's entry (RTM_F_FIB_MATCH), so that a multipath route is seen.
 */
static ssize_t route_get(uint32_t oif, uint32_t src, uint32_t dst, void *buf, size_t len)
{
	struct route_req req;
	uint16_t dport = htons(XOVN_GENEVE_UDP_PORT);
	uint8_t proto = IPPROTO_UDP;

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.rtm));
	req.nh.nlmsg_type = RTM_GETROUTE;
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	req.rtm.rtm_family = AF_INET;
	req.rtm.rtm_flags = RTM_F_FIB_MATCH;
	rtnl_attr_put(&req.nh, RTA_DST, &dst, sizeof(dst));
	rtnl_attr_put(&req.nh, RTA_SRC, &src, sizeof(src));
	rtnl_attr_put(&req.nh, RTA_OIF, &oif, sizeof(oif));
	rtnl_attr_put(&req.nh, RTA_IP_PROTO, &proto, sizeof(proto));
	rtnl_attr_put(&req.nh, RTA_DPORT, &dport, sizeof(dport));
	return rtnl_get(&req.nh, buf, len);
}

/* The MAC and MTU of interface ifindex; 0 or -1. */
static int link_mac_mtu(uint32_t ifindex, uint8_t mac[6], uint32_t *mtu)
{
	struct ifreq ifr;
	int fd, rc = -1;

	memset(&ifr, 0, sizeof(ifr));
	if (!if_indextoname(ifindex, ifr.ifr_name))
		return -1;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) == 0) {
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
		if (ioctl(fd, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu > 0) {
			*mtu = (uint32_t)ifr.ifr_mtu;
			rc = 0;
		}
	}
	close(fd);
	return rc;
}

int remote_hop_resolve(uint32_t underlay_ifindex, uint32_t encap_ip, uint32_t ip_be,
		       struct xovn_remote_hop *hop)
{
	char buf[2048];
	const struct nlmsghdr *nh = (const void *)buf;
	uint8_t next_mac[6], if_mac[6];
	struct xovn_hop_route r;
	uint32_t if_mtu;
	ssize_t n;

	n = route_get(underlay_ifindex, encap_ip, ip_be, buf, sizeof(buf));
	if (n <= 0 || xovn_hop_route_parse(nh, (size_t)n, ip_be, &r) < 0)
		return -1;
	n = xovn_neigh_get((int)r.oif, r.via, buf, sizeof(buf));
	if (n <= 0 || xovn_hop_neigh_parse(nh, (size_t)n, next_mac) < 0)
		return -1;
	if (link_mac_mtu(r.oif, if_mac, &if_mtu) < 0)
		return -1;
	xovn_hop_make(&r, next_mac, if_mac, if_mtu, hop);
	return 0;
}

/* Deletes the entries whose IP is not among ips[0..n). */
static void delete_unwanted(int map_fd, const uint32_t *ips, size_t n)
{
	uint32_t key, next;
	int more = bpf_map_get_next_key(map_fd, NULL, &next) == 0;

	while (more) {
		key = next;
		more = bpf_map_get_next_key(map_fd, &key, &next) == 0;
		if (!xovn_u32_in(ips, n, key))
			bpf_map_delete_elem(map_fd, &key);
	}
}

/* Writes ip's entry when it changed, deletes it when there is none; 1 when it is there. */
static int refresh_one(int map_fd, uint32_t underlay_ifindex, uint32_t encap_ip, uint32_t ip)
{
	struct xovn_remote_hop hop, old;

	if (remote_hop_resolve(underlay_ifindex, encap_ip, ip, &hop) < 0) {
		bpf_map_delete_elem(map_fd, &ip);
		return 0;
	}
	if (bpf_map_lookup_elem(map_fd, &ip, &old) == 0 && memcmp(&old, &hop, sizeof(hop)) == 0)
		return 1;
	if (bpf_map_update_elem(map_fd, &ip, &hop, BPF_ANY) == 0)
		return 1;
	bpf_map_delete_elem(map_fd, &ip);
	return 0;
}

size_t remote_hops_refresh(int map_fd, uint32_t underlay_ifindex, uint32_t encap_ip,
			   const uint32_t *ips, size_t n)
{
	size_t held = 0;

	if (map_fd < 0)
		return 0;
	if (!underlay_ifindex || !encap_ip)
		n = 0;
	delete_unwanted(map_fd, ips, n);
	for (size_t i = 0; i < n; i++)
		held += (size_t)refresh_one(map_fd, underlay_ifindex, encap_ip, ips[i]);
	return held;
}

void remote_hops_clear(int map_fd)
{
	if (map_fd >= 0)
		delete_unwanted(map_fd, NULL, 0);
}

int remote_hops_subscribe(void)
{
	return rtnl_subscribe(RTMGRP_LINK | RTMGRP_NEIGH | RTMGRP_IPV4_ROUTE | RTMGRP_IPV4_RULE |
			      RTMGRP_IPV4_IFADDR,
			      "the underlay's routes and neighbours");
}

/* A neighbour of another interface than the underlay changes no next hop of ours. */
static int concerns_underlay(const struct nlmsghdr *nh, uint32_t underlay_ifindex)
{
	const struct ndmsg *ndm;

	if (nh->nlmsg_type != RTM_NEWNEIGH && nh->nlmsg_type != RTM_DELNEIGH)
		return 1;
	if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(*ndm)))
		return 1;
	ndm = NLMSG_DATA(nh);
	return (uint32_t)ndm->ndm_ifindex == underlay_ifindex;
}

int remote_hops_drain(int fd, uint32_t underlay_ifindex)
{
	char buf[16384] __attribute__((aligned(NLMSG_ALIGNTO)));
	int result = REMOTE_HOPS_QUIET;
	ssize_t n;

	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0 && errno == ENOBUFS) {
			result = REMOTE_HOPS_LOST;
			continue;
		}
		if (n <= 0)
			return result;
		for (const struct nlmsghdr *nh = (const void *)buf; NLMSG_OK(nh, (size_t)n);
		     nh = NLMSG_NEXT(nh, n))
			if (result == REMOTE_HOPS_QUIET && concerns_underlay(nh, underlay_ifindex))
				result = REMOTE_HOPS_CHANGED;
	}
}
