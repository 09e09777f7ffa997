// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * events.c - the three event sources, drained completely on every wakeup
 * so that a burst (a rename is several inotify events, a veth pair is many
 * link messages) costs one recompile.
 */
#include <errno.h>
#include <limits.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "events.h"
#include "fsutil.h"
#include "log.h"

static int open_inotify(struct events *ev, const char *db_path)
{
	char dir[PATH_MAX];

	fs_dirname(db_path, dir, sizeof(dir));
	if (fs_mkdir_p(dir) < 0) {
		log_info("cannot create the db directory %s: %s", dir, strerror(errno));
		return -1;
	}
	ev->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (ev->inotify_fd < 0 ||
	    inotify_add_watch(ev->inotify_fd, dir,
			      IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE) < 0) {
		log_info("cannot watch %s: %s", dir, strerror(errno));
		return -1;
	}
	snprintf(ev->db_name, sizeof(ev->db_name), "%s", fs_basename(db_path));
	snprintf(ev->journal_name, sizeof(ev->journal_name), "%s.journal", ev->db_name);
	return 0;
}

static int open_netlink(struct events *ev)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = RTMGRP_LINK };

	ev->netlink_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (ev->netlink_fd < 0 || bind(ev->netlink_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		log_info("cannot subscribe to link changes: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int open_signals(struct events *ev)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	ev->signal_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (ev->signal_fd < 0) {
		log_info("cannot open a signalfd: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int events_open(struct events *ev, const char *db_path)
{
	memset(ev, 0, sizeof(*ev));
	ev->inotify_fd = ev->netlink_fd = ev->signal_fd = -1;
	ev->extra_fd[0] = ev->extra_fd[1] = ev->extra_fd[2] = -1;
	ev->route_fd = ev->hops_fd = -1;
	if (open_signals(ev) < 0 || open_inotify(ev, db_path) < 0 || open_netlink(ev) < 0) {
		events_close(ev);
		return -1;
	}
	return 0;
}

void events_close(struct events *ev)
{
	if (ev->inotify_fd >= 0)
		close(ev->inotify_fd);
	if (ev->netlink_fd >= 0)
		close(ev->netlink_fd);
	if (ev->signal_fd >= 0)
		close(ev->signal_fd);
	ev->inotify_fd = ev->netlink_fd = ev->signal_fd = -1;
	ev->extra_fd[0] = ev->extra_fd[1] = ev->extra_fd[2] = -1;
}

static int drain_inotify(struct events *ev)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int hit = 0;
	ssize_t len;

	while ((len = read(ev->inotify_fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ie = (const struct inotify_event *)p;

			if (ie->len && (strcmp(ie->name, ev->db_name) == 0 ||
					strcmp(ie->name, ev->journal_name) == 0))
				hit = EV_DB_CHANGED;
			p += sizeof(*ie) + ie->len;
		}
	}
	return hit;
}

static int drain_netlink(struct events *ev)
{
	char buf[16384];
	int hit = 0;

	/*
	 * Any link message may change an ifindex or MTU the compile depends
	 * on; ENOBUFS means messages were lost, which calls for a rescan too.
	 */
	for (;;) {
		if (recv(ev->netlink_fd, buf, sizeof(buf), 0) > 0 || errno == ENOBUFS)
			hit = EV_LINKS;
		else
			return hit;
	}
}

static int drain_signals(struct events *ev)
{
	struct signalfd_siginfo si;
	int bits = 0;

	while (read(ev->signal_fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGHUP)
			bits |= EV_RELOAD;
		else
			bits |= EV_STOP;
	}
	return bits;
}

int events_wait(struct events *ev, int timeout_ms)
{
	/* poll ignores a negative fd: an extra connection that is down. */
	struct pollfd pfd[8] = {
		{ .fd = ev->inotify_fd, .events = POLLIN },
		{ .fd = ev->netlink_fd, .events = POLLIN },
		{ .fd = ev->signal_fd, .events = POLLIN },
		{ .fd = ev->extra_fd[0], .events = POLLIN | (ev->extra_write[0] ? POLLOUT : 0) },
		{ .fd = ev->extra_fd[1], .events = POLLIN | (ev->extra_write[1] ? POLLOUT : 0) },
		{ .fd = ev->extra_fd[2], .events = POLLIN | (ev->extra_write[2] ? POLLOUT : 0) },
		{ .fd = ev->route_fd, .events = POLLIN },
		{ .fd = ev->hops_fd, .events = POLLIN },
	};
	int n = poll(pfd, 8, timeout_ms);
	int bits = 0;

	if (n == 0)
		return EV_TIMEOUT;
	if (n < 0)
		return errno == EINTR ? 0 : EV_TIMEOUT;
	if (pfd[0].revents)
		bits |= drain_inotify(ev);
	if (pfd[1].revents)
		bits |= drain_netlink(ev);
	if (pfd[2].revents)
		bits |= drain_signals(ev);
	for (int i = 3; i < 6; i++)
		if (pfd[i].fd >= 0 && pfd[i].revents)
			bits |= EV_EXTRA;
	if (ev->route_fd >= 0 && pfd[6].revents)
		bits |= EV_ROUTES;   /* drained by route_exchange_drain */
	if (ev->hops_fd >= 0 && pfd[7].revents)
		bits |= EV_HOPS;     /* drained by remotes_underlay_changed */
	return bits;
}
