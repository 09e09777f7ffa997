// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* rtnl.c - one rtnetlink request at a time (rtnl.h). */
#include <errno.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "rtnl.h"

void rtnl_attr_put(struct nlmsghdr *nh, uint16_t type, const void *data, size_t len)
{
	struct rtattr *rta = (struct rtattr *)((char *)nh + NLMSG_ALIGN(nh->nlmsg_len));

	rta->rta_type = type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	nh->nlmsg_len = NLMSG_ALIGN(nh->nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

ssize_t rtnl_get(const struct nlmsghdr *req, void *buf, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = sendto(fd, req, req->nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel));
	if (n >= 0)
		n = recv(fd, buf, len, 0);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

int rtnl_ack(const struct nlmsghdr *req)
{
	char buf[1024];
	ssize_t n = rtnl_get(req, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	for (const struct nlmsghdr *nh = (const void *)buf; NLMSG_OK(nh, (size_t)n);
	     nh = NLMSG_NEXT(nh, n))
		if (nh->nlmsg_type == NLMSG_ERROR)
			return ((const struct nlmsgerr *)NLMSG_DATA(nh))->error;
	return -EPROTO;
}

int rtnl_subscribe(uint32_t groups, const char *what)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = groups };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		log_info("cannot subscribe to %s: %s", what, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}
