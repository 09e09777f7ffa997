/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * rtnl.h - one rtnetlink request at a time: appending attributes to a
 * message, sending it and reading the kernel's answer.
 */
#ifndef XOVND_RTNL_H
#define XOVND_RTNL_H

#include <linux/netlink.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Appends an attribute to nh; the buffer nh heads has room for it. */
void rtnl_attr_put(struct nlmsghdr *nh, uint16_t type, const void *data, size_t len);

/* Sends req (which asks for an acknowledgement): 0 or the kernel's -errno. */
int rtnl_ack(const struct nlmsghdr *req);

/* Sends req and reads the first answer into buf: its length, or -errno. */
ssize_t rtnl_get(const struct nlmsghdr *req, void *buf, size_t len);

/* A non-blocking socket receiving the multicast groups (RTMGRP_*); -1 logged with what. */
int rtnl_subscribe(uint32_t groups, const char *what);

#endif /* XOVND_RTNL_H */
