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

struct neigh_req {
	struct nlmsghdr nh;
	struct ndmsg ndm;
	char attrs[64];
};

static void neigh_put_attr(struct neigh_req *req, uint16_t type, const void *data, size_t len)
{
	struct rtattr *rta = (struct rtattr *)((char *)req + NLMSG_ALIGN(req->nh.nlmsg_len));

	rta->rta_type = type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	req->nh.nlmsg_len = NLMSG_ALIGN(req->nh.nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

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
	neigh_put_attr(req, NDA_DST, &ip_be, sizeof(ip_be));
}

/* Sends req and waits for the kernel's acknowledgement: 0 or its -errno. */
static int neigh_talk(struct neigh_req *req)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	char buf[1024];
	struct nlmsghdr *nh;
	ssize_t n;
	int fd, rc = -EPROTO;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	if (sendto(fd, req, req->nh.nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0) {
		rc = -errno;
		goto out;
	}
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0) {
		rc = -errno;
		goto out;
	}
	for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (size_t)n); nh = NLMSG_NEXT(nh, n)) {
		if (nh->nlmsg_type == NLMSG_ERROR) {
			rc = ((struct nlmsgerr *)NLMSG_DATA(nh))->error;
			break;
		}
	}
out:
	close(fd);
	return rc;
}

/* Is there a permanent (administrator's) entry for ip_be already? */
static int neigh_is_permanent(int ifindex, uint32_t ip_be)
{
	struct neigh_req req;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	char buf[1024];
	ssize_t n;
	int fd, permanent = 0;

	neigh_req_init(&req, RTM_GETNEIGH, 0, ifindex, ip_be);
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return 0;
	if (sendto(fd, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) >= 0) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n > 0 && NLMSG_OK((struct nlmsghdr *)buf, (size_t)n) &&
		    ((struct nlmsghdr *)buf)->nlmsg_type == RTM_NEWNEIGH) {
			struct ndmsg *ndm = NLMSG_DATA((struct nlmsghdr *)buf);

			permanent = (ndm->ndm_state & NUD_PERMANENT) != 0;
		}
	}
	close(fd);
	return permanent;
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
	neigh_put_attr(&req, NDA_FLAGS_EXT, &ext, sizeof(ext));
	rc = neigh_talk(&req);
	if (rc != -EINVAL && rc != -EOPNOTSUPP)
		return rc;
	/* Older kernel: resolve once now. */
	neigh_req_init(&req, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, ifindex, ip_be);
	req.ndm.ndm_flags = NTF_USE;
	req.ndm.ndm_state = NUD_NONE;
	return neigh_talk(&req);
}

int xovn_neigh_release(int ifindex, uint32_t ip_be)
{
	struct neigh_req req;
	int rc = neigh_ours(ifindex, ip_be);

	if (rc <= 0)
		return rc;
	neigh_req_init(&req, RTM_DELNEIGH, 0, ifindex, ip_be);
	rc = neigh_talk(&req);
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
