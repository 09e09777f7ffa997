// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * iface.c - interface facts through ioctls on a socket of this network
 * namespace, and a sorted table of its interfaces taken with one netlink
 * dump (if_nameindex) so that names the model lists but that are not here
 * cost no system call.  /sys/class/net is not used: a daemon entered into a chassis
 * namespace with nsenter still sees the host's sysfs.
 */
#include <linux/ethtool.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "iface.h"
#include "rtnl.h"

static int ioctl_ifreq(int sock, unsigned long req, const char *ifname, struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	strncpy(ifr->ifr_name, ifname, IFNAMSIZ - 1);
	return ioctl(sock, req, ifr);
}

/*
 * Does the veth ifindex have its peer in this namespace (no IFLA_LINK_NETNSID
 * in its link message)?  bpf_redirect_peer drops frames for such a peer: a
 * VIF whose other end a daemon of this host uses (a routing daemon's
 * interface on a logical switch) is sent to with a plain redirect.
 */
static int peer_is_here(unsigned int ifindex)
{
	struct {
		struct nlmsghdr nh;
		struct ifinfomsg ifi;
	} req = { .nh = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)),
			  .nlmsg_type = RTM_GETLINK, .nlmsg_flags = NLM_F_REQUEST },
		  .ifi = { .ifi_family = AF_UNSPEC, .ifi_index = (int)ifindex } };
	char buf[8192];
	const struct nlmsghdr *nh = (const void *)buf;
	ssize_t n = rtnl_get(&req.nh, buf, sizeof(buf));
	int here = 0;

	if (n <= 0 || !NLMSG_OK(nh, (size_t)n) || nh->nlmsg_type != RTM_NEWLINK)
		return 0;
	n = (ssize_t)nh->nlmsg_len - (ssize_t)NLMSG_LENGTH(sizeof(struct ifinfomsg));
	for (const struct rtattr *a = IFLA_RTA(NLMSG_DATA(nh)); RTA_OK(a, n); a = RTA_NEXT(a, n)) {
		if (a->rta_type == IFLA_LINK_NETNSID)
			return 0;
		if (a->rta_type == IFLA_LINK)
			here = 1;
	}
	return here;
}

/* veth peers can take bpf_redirect_peer; the driver name says which links are. */
static int is_veth(int sock, const char *ifname)
{
	struct ethtool_drvinfo drv;
	struct ifreq ifr;

	memset(&drv, 0, sizeof(drv));
	drv.cmd = ETHTOOL_GDRVINFO;
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	ifr.ifr_data = (char *)&drv;
	if (ioctl(sock, SIOCETHTOOL, &ifr) < 0)
		return 0;
	return strcmp(drv.driver, "veth") == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct if_nameindex *)a)->if_name,
		      ((const struct if_nameindex *)b)->if_name);
}

int iface_table_load(struct iface_table *t)
{
	struct if_nameindex *links = if_nameindex();
	size_t n = 0;

	memset(t, 0, sizeof(*t));
	t->sock = -1;
	if (!links)
		return -1;
	while (links[n].if_index != 0)
		n++;
	qsort(links, n, sizeof(*links), by_name);
	t->sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (t->sock < 0) {
		if_freenameindex(links);
		return -1;
	}
	t->links = links;
	t->n = n;
	return 0;
}

void iface_table_free(struct iface_table *t)
{
	/* Sorting permuted only the entries before the terminator, which stays last. */
	if (t->links)
		if_freenameindex(t->links);
	if (t->sock >= 0)
		close(t->sock);
	t->links = NULL;
	t->n = 0;
	t->sock = -1;
}

unsigned int iface_table_index(const struct iface_table *t, const char *ifname)
{
	struct if_nameindex probe = { .if_name = (char *)ifname };
	const struct if_nameindex *hit;

	if (!t)
		return if_nametoindex(ifname);
	hit = t->n ? bsearch(&probe, t->links, t->n, sizeof(probe), by_name) : NULL;
	return hit ? hit->if_index : 0;
}

static void fill_info(int sock, const char *ifname, unsigned int ifindex,
		      struct xovn_iface_info *info)
{
	struct ifreq ifr;

	memset(info, 0, sizeof(*info));
	info->ifindex = ifindex;
	if (ioctl_ifreq(sock, SIOCGIFMTU, ifname, &ifr) == 0)
		info->mtu = (uint32_t)ifr.ifr_mtu;
	info->is_veth = is_veth(sock, ifname) && !peer_is_here(ifindex);
}

int iface_resolve(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	const struct iface_table *t = arg;
	unsigned int ifindex;
	int sock;

	if (strlen(ifname) >= IFNAMSIZ)
		return -1;
	ifindex = iface_table_index(t, ifname);
	if (ifindex == 0)
		return -1;
	if (t) {
		fill_info(t->sock, ifname, ifindex, info);
		return 0;
	}
	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		return -1;
	fill_info(sock, ifname, ifindex, info);
	close(sock);
	return 0;
}
