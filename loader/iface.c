// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * iface.c - interface facts through ioctls on a socket of this network
 * namespace.  /sys/class/net is not used: a daemon entered into a chassis
 * namespace with nsenter still sees the host's sysfs.
 */
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "iface.h"

static int ioctl_ifreq(int sock, unsigned long req, const char *ifname, struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	strncpy(ifr->ifr_name, ifname, IFNAMSIZ - 1);
	return ioctl(sock, req, ifr);
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

int iface_resolve(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	struct ifreq ifr;
	unsigned int ifindex;
	int sock;

	(void)arg;
	if (strlen(ifname) >= IFNAMSIZ)
		return -1;
	ifindex = if_nametoindex(ifname);
	if (ifindex == 0)
		return -1;
	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		return -1;
	memset(info, 0, sizeof(*info));
	info->ifindex = ifindex;
	if (ioctl_ifreq(sock, SIOCGIFMTU, ifname, &ifr) == 0)
		info->mtu = (uint32_t)ifr.ifr_mtu;
	info->is_veth = is_veth(sock, ifname);
	close(sock);
	return 0;
}
