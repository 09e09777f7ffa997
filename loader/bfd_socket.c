// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * bfd_socket.c - BFD packets in and out: a UDP socket on this chassis'
 * encap IP, port 6081, sending Geneve payloads to the peers' encap IPs and
 * receiving the ones the underlay programs pass to the host.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bfd.h"
#include "bfd/frame.h"
#include "log.h"

#define GENEVE_PORT 6081
/* Packets read per call: the loop comes back soon for the rest. */
#define RECV_BATCH 64

int bfd_socket_open(struct in_addr local)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(GENEVE_PORT),
				  .sin_addr = local };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;

	if (fd < 0)
		return -1;
	/* The encap IP may be configured after xovnd starts. */
	setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int err = errno;

		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

void bfd_socket_send(struct bfd *b, struct bfd_link *l, const struct bfd_ctl *ctl)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(GENEVE_PORT),
				  .sin_addr = l->ip };
	uint8_t f[BFD_FRAME_LEN];
	size_t len = bfd_frame_build(f, b->mac, l->sport, ctl);

	/* An underlay that is down is what BFD is here to notice: say it once. */
	if (sendto(b->sock, f, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0 &&
	    !b->send_error_logged) {
		log_info("BFD: cannot send to %s (%s): %s", l->name, inet_ntoa(l->ip),
			 strerror(errno));
		b->send_error_logged = 1;
	}
}

static struct bfd_link *link_of(struct bfd *b, struct in_addr from)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->links[i].ip.s_addr == from.s_addr)
			return &b->links[i];
	return NULL;
}

/* One datagram: 1 when its session changed state. */
static int receive_one(struct bfd *b, const uint8_t *buf, size_t len, struct in_addr from,
		       uint64_t now)
{
	struct bfd_link *l = link_of(b, from);
	enum bfd_frame_reject fr;
	enum bfd_reject r;
	struct bfd_ctl ctl;
	size_t off, clen;

	if (!l)
		return 0;   /* not a chassis we run a session with */
	fr = bfd_frame_parse(buf, len, &off, &clen);
	if (fr != BFD_FRAME_OK) {
		log_debug("BFD: %s: discarded (%s)", l->name, bfd_frame_reject_name(fr));
		return 0;
	}
	r = bfd_ctl_decode(buf + off, clen, &ctl);
	if (r != BFD_OK) {
		log_debug("BFD: %s: discarded (%s)", l->name, bfd_reject_name(r));
		return 0;
	}
	return bfd_session_rx(&l->s, &ctl, now) > 0;
}

int bfd_socket_receive(struct bfd *b, uint64_t now)
{
	uint8_t buf[512];
	int changed = 0;

	for (int i = 0; i < RECV_BATCH; i++) {
		struct sockaddr_in from;
		socklen_t flen = sizeof(from);
		ssize_t n = recvfrom(b->sock, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);

		if (n < 0)
			break;
		changed |= receive_one(b, buf, (size_t)n, from.sin_addr, now);
	}
	return changed;
}
