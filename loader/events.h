/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * events.h - what wakes xovnd: the db's directory (inotify), link changes
 * (rtnetlink RTNLGRP_LINK) and signals (signalfd), in one poll set.
 */
#ifndef XOVND_EVENTS_H
#define XOVND_EVENTS_H

struct events {
	int inotify_fd;
	int netlink_fd;
	int signal_fd;
	char db_name[256];   /* basename of the db, to filter directory events */
	char journal_name[264]; /* DB.journal: xovnctl's record of each write */
	int extra_fd[3];     /* sockets to watch too (OVN's SB and NB, BFD), -1 for none */
	int extra_write[3];  /* ... for output as well */
	int route_fd;        /* route changes (route_exchange.h), -1 for none */
	int hops_fd;         /* underlay changes for the next hops (remote.h), -1 for none */
};

/* What a wait returned, as bits. */
#define EV_DB_CHANGED   0x01
#define EV_LINKS        0x02
#define EV_RELOAD       0x04   /* SIGHUP */
#define EV_STOP         0x08   /* SIGTERM / SIGINT */
#define EV_TIMEOUT      0x10
#define EV_EXTRA        0x20   /* an extra_fd is ready */
#define EV_ROUTES       0x40   /* route_fd is ready */
#define EV_HOPS         0x80   /* hops_fd is ready */

/* Blocks the signals and opens the three fds.  0 ok, -1 logged. */
int events_open(struct events *ev, const char *db_path);
void events_close(struct events *ev);
/* Waits up to timeout_ms, drains whatever is ready, returns EV_* bits. */
int events_wait(struct events *ev, int timeout_ms);

#endif /* XOVND_EVENTS_H */
