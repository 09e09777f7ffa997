/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * bfd.h - xovnd's BFD sessions: one per chassis sharing a gateway group
 * with this one (bfd/peers.h), carried inside Geneve to the peer's encap
 * IP (bfd/frame.h) through one UDP socket on this chassis' encap IP, port
 * 6081 (bfd_socket.c).  The underlay programs pass exactly those packets to
 * the host (bpf/lib/bfd.h); the kernel hands them to the socket.
 *
 * Liveness: a session that has been Up and went Down marks its chassis
 * "down" in the typed model the compiler reads (bfd_override), so HA chassis
 * groups and gateway ports move to the next live chassis; back Up, the mark
 * goes and the model's own state is in force again.  A session that never
 * came Up marks nothing: it cannot tell a dead peer from one without BFD.
 */
#ifndef XOVND_BFD_H
#define XOVND_BFD_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "bfd/session.h"
#include "model/types.h"
#include "options.h"

struct bfd_link {
	char name[64];              /* the peer chassis */
	struct in_addr ip;          /* its encap IP */
	uint16_t sport;             /* inner UDP source port, fixed per session (RFC 5881) */
	uint8_t live;               /* enum bfd_liveness, as last applied */
	struct bfd_session s;
};

struct bfd {
	struct bfd_config cfg;
	int enabled;
	int sock;                   /* -1 when there is nothing to run */
	struct in_addr local_ip;    /* the socket's address */
	uint8_t mac[6];             /* inner source MAC, from local_ip */
	struct bfd_link *links;     /* sorted by name */
	size_t n;
	int status_fd;
	uint64_t status_ns;         /* last refresh of the status record */
	int live_changed;           /* a link's liveness changed since the last apply */
	int send_error_logged;
};

/* From the options; nothing is opened yet.  0 ok, -1 logged. */
int bfd_open(struct bfd *b, const struct xovnd_options *opt);
void bfd_close(struct bfd *b);
/* Sessions follow the model: added, kept (with their state) or removed. */
void bfd_sync(struct bfd *b, const struct xovn_model *m, const char *chassis);
/* The socket to poll, -1 for none. */
int bfd_fd(const struct bfd *b);
/* Milliseconds until a timer is due, at most max_ms. */
int bfd_wait_ms(const struct bfd *b, int max_ms);
/* Receives, expires and transmits.  1 when a chassis' liveness changed (recompile). */
int bfd_run(struct bfd *b);
/* Marks the chassis whose sessions went Down as "down" in m. */
void bfd_override(const struct bfd *b, struct xovn_model *m);

/* bfd_socket.c: the transport. */
int bfd_socket_open(struct in_addr local);
void bfd_socket_send(struct bfd *b, struct bfd_link *l, const struct bfd_ctl *ctl);
/* Reads every waiting packet and hands it to its session; 1 when a state changed. */
int bfd_socket_receive(struct bfd *b, uint64_t now);

#endif /* XOVND_BFD_H */
