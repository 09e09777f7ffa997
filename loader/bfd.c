// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * bfd.c - xovnd's BFD sessions (bfd.h): which ones run, their timers, and
 * what their liveness does to the model the compiler reads.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "bfd.h"
#include "bfd/peers.h"
#include "bfd/status.h"
#include "log.h"

#define STATUS_REFRESH_NS 1000000000ull

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint32_t random_u32(void)
{
	uint32_t v = 0;

	while (getrandom(&v, sizeof(v), 0) != sizeof(v) && errno == EINTR)
		;
	return v;
}

int bfd_open(struct bfd *b, const struct xovnd_options *opt)
{
	memset(b, 0, sizeof(*b));
	b->sock = -1;
	b->enabled = opt->bfd_mult != 0;
	b->cfg = (struct bfd_config){ .min_tx_ms = opt->bfd_min_tx_ms,
				      .min_rx_ms = opt->bfd_min_rx_ms,
				      .mult = (uint8_t)opt->bfd_mult };
	b->status_fd = bfd_status_open(opt->pin_dir, 1);
	if (b->status_fd < 0) {
		log_info("cannot create the BFD status record in %s: %s", opt->pin_dir,
			 strerror(errno));
		return -1;
	}
	bfd_status_clear(b->status_fd);
	return 0;
}

static void put_status(struct bfd *b, const struct bfd_link *l)
{
	struct bfd_status st;

	bfd_status_of(&l->s, l->ip.s_addr, &st);
	if (bfd_status_put(b->status_fd, l->name, &st) < 0)
		log_debug("BFD: cannot record %s's session: %s", l->name, strerror(errno));
}

/* The socket follows this chassis' encap IP; none when no session needs it. */
static void sync_socket(struct bfd *b, const char *local_ip)
{
	struct in_addr ip = { 0 };

	if (b->n && local_ip)
		inet_pton(AF_INET, local_ip, &ip);
	if (ip.s_addr == b->local_ip.s_addr && (b->sock >= 0 || !ip.s_addr))
		return;
	if (b->sock >= 0)
		close(b->sock);
	b->sock = -1;
	b->local_ip = ip;
	if (!ip.s_addr)
		return;
	b->sock = bfd_socket_open(ip);
	if (b->sock < 0)
		log_info("BFD: cannot listen on %s port 6081: %s", local_ip, strerror(errno));
	/* Locally administered, unique per chassis: 02:00 + encap IP. */
	b->mac[0] = 0x02;
	b->mac[1] = 0;
	memcpy(b->mac + 2, &ip.s_addr, 4);
}

static int link_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct bfd_link *)elem)->name);
}

void bfd_close(struct bfd *b)
{
	free(b->links);
	b->links = NULL;
	b->n = 0;
	sync_socket(b, NULL);   /* no session left: the socket goes */
	if (b->status_fd >= 0)
		close(b->status_fd);
	b->status_fd = -1;
}

/* Links are sorted by name, as bfd_peers_of gives the peers. */
static const struct bfd_link *find_link(const struct bfd_link *v, size_t n, const char *name)
{
	return n ? bsearch(name, v, n, sizeof(*v), link_cmp) : NULL;
}

static void new_link(struct bfd *b, struct bfd_link *l, const struct bfd_peer *p, uint64_t now)
{
	uint32_t discr;

	memset(l, 0, sizeof(*l));
	snprintf(l->name, sizeof(l->name), "%s", p->name);
	inet_pton(AF_INET, p->encap_ip, &l->ip);
	l->sport = (uint16_t)(49152 + random_u32() % 16384);
	do
		discr = random_u32();
	while (!discr);
	bfd_session_init(&l->s, &b->cfg, discr, random_u32(), now);
	log_info("BFD: session with %s (%s) started", l->name, p->encap_ip);
}

/* The sessions of b that are not in v (n of them) end. */
static void forget_gone(struct bfd *b, const struct bfd_link *v, size_t n)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct bfd_link *l = &b->links[i];

		if (find_link(v, n, l->name))
			continue;
		log_info("BFD: session with %s ended", l->name);
		bfd_status_del(b->status_fd, l->name);
		b->live_changed |= l->live == BFD_LIVE_DOWN;
	}
}

/* The new list of links from peers: existing sessions keep their state. */
static int rebuild_links(struct bfd *b, const struct bfd_peer_list *peers, uint64_t now)
{
	struct bfd_link *v = peers->n ? calloc(peers->n, sizeof(*v)) : NULL;

	if (peers->n && !v)
		return -1;
	for (size_t i = 0; i < peers->n; i++) {
		const struct bfd_link *old = find_link(b->links, b->n, peers->v[i].name);
		struct in_addr ip = { 0 };

		inet_pton(AF_INET, peers->v[i].encap_ip, &ip);
		if (old && old->ip.s_addr == ip.s_addr) {
			v[i] = *old;
			continue;
		}
		/* A new encap IP is a new session: what the old one said goes. */
		b->live_changed |= old && old->live == BFD_LIVE_DOWN;
		new_link(b, &v[i], &peers->v[i], now);
	}
	forget_gone(b, v, peers->n);
	free(b->links);
	b->links = v;
	b->n = peers->n;
	return 0;
}

static const char *encap_ip_of(const struct xovn_model *m, const char *chassis)
{
	for (size_t i = 0; i < m->n_chassis; i++)
		if (m->chassis[i].name && strcmp(m->chassis[i].name, chassis) == 0)
			return m->chassis[i].encap_ip;
	return NULL;
}

void bfd_sync(struct bfd *b, const struct xovn_model *m, const char *chassis)
{
	struct bfd_peer_list peers = { 0 };
	uint64_t now = now_ns();

	if (!b->enabled || !m)
		return;
	if (bfd_peers_of(m, chassis, &peers) < 0 || rebuild_links(b, &peers, now) < 0) {
		log_info("BFD: out of memory; the sessions stay as they were");
		bfd_peers_free(&peers);
		return;
	}
	bfd_peers_free(&peers);
	sync_socket(b, encap_ip_of(m, chassis));
	for (size_t i = 0; i < b->n; i++)
		put_status(b, &b->links[i]);
}

int bfd_fd(const struct bfd *b)
{
	return b->sock;
}

int bfd_wait_ms(const struct bfd *b, int max_ms)
{
	uint64_t now = now_ns(), due = UINT64_MAX;

	if (b->sock < 0)
		return max_ms;
	for (size_t i = 0; i < b->n; i++) {
		uint64_t t = bfd_session_wakeup(&b->links[i].s);

		due = t < due ? t : due;
	}
	if (due <= now)
		return 0;
	/* Rounded up: waking a little late beats spinning on a timer not yet due. */
	due = (due - now + 999999) / 1000000;
	return due < (uint64_t)max_ms ? (int)due : max_ms;
}

static void log_change(const struct bfd_link *l, uint8_t from)
{
	log_info("BFD: %s %s -> %s (%s)", l->name, bfd_state_name(from),
		 bfd_state_name(l->s.state), bfd_diag_name(l->s.local_diag));
}

/* Timers and transmissions of one link; its state change is logged and recorded. */
static void run_link(struct bfd *b, struct bfd_link *l, uint8_t from, uint64_t now)
{
	struct bfd_ctl ctl;
	uint8_t live;

	bfd_session_expire(&l->s, now);
	while (bfd_session_tx(&l->s, now, &ctl))
		bfd_socket_send(b, l, &ctl);
	if (l->s.state != from) {
		log_change(l, from);
		put_status(b, l);
	}
	live = (uint8_t)bfd_session_liveness(&l->s);
	if (live != l->live) {
		/* UNKNOWN <-> UP changes nothing the compiler sees; DOWN does. */
		b->live_changed |= live == BFD_LIVE_DOWN || l->live == BFD_LIVE_DOWN;
		l->live = live;
	}
}

int bfd_run(struct bfd *b)
{
	uint64_t now = now_ns();
	uint8_t from[b->n ? b->n : 1];
	int changed;

	if (b->sock < 0) {
		changed = b->live_changed;   /* a Down session was removed */
		b->live_changed = 0;
		return changed;
	}
	for (size_t i = 0; i < b->n; i++)
		from[i] = b->links[i].s.state;
	bfd_socket_receive(b, now);
	for (size_t i = 0; i < b->n; i++)
		run_link(b, &b->links[i], from[i], now);
	if (now - b->status_ns >= STATUS_REFRESH_NS) {
		for (size_t i = 0; i < b->n; i++)
			put_status(b, &b->links[i]);
		b->status_ns = now;
	}
	changed = b->live_changed;
	b->live_changed = 0;
	return changed;
}

void bfd_override(const struct bfd *b, struct xovn_model *m)
{
	if (!b || !m)
		return;
	for (size_t i = 0; i < m->n_chassis; i++) {
		const struct bfd_link *l = m->chassis[i].name ? find_link(b->links, b->n, m->chassis[i].name) : NULL;

		if (l && l->live == BFD_LIVE_DOWN)
			m->chassis[i].state = "down";
	}
}
