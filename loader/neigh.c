// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* neigh.c - neighbour entries for remote encap IPs, over rtnetlink. */
#include <errno.h>
#include <fcntl.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "neigh.h"
#include "rtnl.h"

struct neigh_req {
	struct nlmsghdr nh;
	struct ndmsg ndm;
	char attrs[64];
};

static void neigh_req_init(struct neigh_req *req, uint16_t type, uint16_t flags, int ifindex,
			   uint32_t ip_be)
{
	memset(req, 0, sizeof(*req));
	req->nh.nlmsg_len = NLMSG_LENGTH(sizeof(req->ndm));
	req->nh.nlmsg_type = type;
	req->nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	req->nh.nlmsg_seq = 1;
	req->ndm.ndm_family = AF_INET;
	req->ndm.ndm_ifindex = ifindex;
	rtnl_attr_put(&req->nh, NDA_DST, &ip_be, sizeof(ip_be));
}

ssize_t xovn_neigh_get(int ifindex, uint32_t ip_be, void *buf, size_t len)
{
	struct neigh_req req;

	neigh_req_init(&req, RTM_GETNEIGH, 0, ifindex, ip_be);
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	return rtnl_get(&req.nh, buf, len);
}

/* Is there a permanent (administrator's) entry for ip_be already? */
static int neigh_is_permanent(int ifindex, uint32_t ip_be)
{
	char buf[1024];
	const struct nlmsghdr *nh = (const void *)buf;
	ssize_t n = xovn_neigh_get(ifindex, ip_be, buf, sizeof(buf));

	if (n <= 0 || !NLMSG_OK(nh, (size_t)n) || nh->nlmsg_type != RTM_NEWNEIGH)
		return 0;
	return (((const struct ndmsg *)NLMSG_DATA(nh))->ndm_state & NUD_PERMANENT) != 0;
}

/* 1 when the entry is ours to change, 0 when an administrator's permanent one, or -EINVAL. */
static int neigh_ours(int ifindex, uint32_t ip_be)
{
	if (ifindex <= 0 || !ip_be)
		return -EINVAL;
	return !neigh_is_permanent(ifindex, ip_be);
}

int xovn_neigh_keep_resolved(int ifindex, uint32_t ip_be)
{
	uint32_t ext = NTF_EXT_MANAGED;
	struct neigh_req req;
	int rc = neigh_ours(ifindex, ip_be);

	if (rc <= 0)
		return rc;
	neigh_req_init(&req, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, ifindex, ip_be);
	/* No address: the kernel resolves it, and keeps re-resolving a managed entry. */
	req.ndm.ndm_state = NUD_NONE;
	rtnl_attr_put(&req.nh, NDA_FLAGS_EXT, &ext, sizeof(ext));
	rc = rtnl_ack(&req.nh);
	if (rc != -EINVAL && rc != -EOPNOTSUPP)
		return rc;
	/* Older kernel: resolve once now. */
	neigh_req_init(&req, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, ifindex, ip_be);
	req.ndm.ndm_flags = NTF_USE;
	req.ndm.ndm_state = NUD_NONE;
	return rtnl_ack(&req.nh);
}

int xovn_neigh_release(int ifindex, uint32_t ip_be)
{
	struct neigh_req req;
	int rc = neigh_ours(ifindex, ip_be);

	if (rc <= 0)
		return rc;
	neigh_req_init(&req, RTM_DELNEIGH, 0, ifindex, ip_be);
	rc = rtnl_ack(&req.nh);
	return rc == -ENOENT ? 0 : rc;
}

int xovn_neigh_enable_fib_lookup(const char *ifname)
{
	char path[128];
	int fd, rc = 0;

	if (!ifname || !*ifname || strlen(ifname) >= IF_NAMESIZE || strchr(ifname, '/'))
		return -EINVAL;
	snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/forwarding", ifname);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, "1", 1) != 1)
		rc = errno ? -errno : -EIO;
	close(fd);
	return rc;
}
