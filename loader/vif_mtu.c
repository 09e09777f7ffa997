// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * vif_mtu.c - SIOCGIFMTU / SIOCSIFMTU on the chassis' VIFs.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "vif_mtu.h"
#include "xovn_maps.h"

static uint32_t underlay_mtu(const struct xovn_mapset *applied)
{
	struct xovn_config cfg;

	if (xovn_mapset_config(applied, &cfg))
		return 0;
	return cfg.underlay_ifindex ? cfg.underlay_mtu : 0;
}

static void lower_mtu(int sock, const char *ifname, int limit)
{
	struct ifreq ifr;
	int old;

	if (strlen(ifname) >= IFNAMSIZ)
		return;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (ioctl(sock, SIOCGIFMTU, &ifr) < 0 || ifr.ifr_mtu <= limit)
		return; /* absent, or already fits */
	old = ifr.ifr_mtu;
	ifr.ifr_mtu = limit;
	if (ioctl(sock, SIOCSIFMTU, &ifr) < 0)
		log_info("cannot lower the MTU of %s to %d: %s", ifname, limit, strerror(errno));
	else
		log_info("MTU of %s lowered from %d to %d (underlay MTU - %d of Geneve)", ifname,
			 old, limit, XOVN_ENCAP_OVERHEAD);
}

void vif_mtu_sync(const struct xovn_ifname *vifs, size_t n, const struct xovn_mapset *applied)
{
	uint32_t mtu = underlay_mtu(applied);
	int sock;

	if (mtu <= XOVN_ENCAP_OVERHEAD + 68)
		return; /* no underlay, or one too small to mean anything */
	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		return;
	for (size_t i = 0; i < n; i++)
		lower_mtu(sock, vifs[i].name, (int)(mtu - XOVN_ENCAP_OVERHEAD));
	close(sock);
}
