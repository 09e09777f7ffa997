// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * status.c - the pinned record of BFD session states (status.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "bfd/status.h"

static void make_key(struct bfd_status_key *k, const char *chassis)
{
	memset(k, 0, sizeof(*k));
	strncpy(k->chassis, chassis, sizeof(k->chassis) - 1);
}

int bfd_status_open(const char *pin_dir, int create)
{
	char path[PATH_MAX];
	int fd;

	if (snprintf(path, sizeof(path), "%s/%s", pin_dir, BFD_STATUS_PIN) >= (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = bpf_obj_get(path);
	if (fd >= 0 || !create)
		return fd;
	fd = bpf_map_create(BPF_MAP_TYPE_HASH, BFD_STATUS_PIN, sizeof(struct bfd_status_key),
			    sizeof(struct bfd_status), BFD_STATUS_MAX, NULL);
	if (fd >= 0 && bpf_obj_pin(fd, path) < 0) {
		int err = errno;

		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

void bfd_status_of(const struct bfd_session *s, uint32_t remote_ip, struct bfd_status *out)
{
	uint32_t tx = s->use_tx_us > s->remote_min_rx_us ? s->use_tx_us : s->remote_min_rx_us;

	memset(out, 0, sizeof(*out));
	out->remote_ip = remote_ip;
	out->state = s->state;
	out->remote_state = s->remote_state;
	out->diag = s->local_diag;
	out->remote_diag = s->remote_diag;
	out->mult = s->cfg.mult;
	out->remote_mult = s->remote_mult;
	out->liveness = (uint8_t)bfd_session_liveness(s);
	out->local_discr = s->local_discr;
	out->remote_discr = s->remote_discr;
	out->tx_interval_us = tx;
	out->detect_us = (uint32_t)bfd_session_detect_us(s);
	out->flaps = s->flaps;
	out->rx_packets = s->rx_packets;
	out->tx_packets = s->tx_packets;
	out->changed_ns = s->changed_ns;
}

int bfd_status_put(int fd, const char *chassis, const struct bfd_status *st)
{
	struct bfd_status_key k;

	make_key(&k, chassis);
	return bpf_map_update_elem(fd, &k, st, BPF_ANY);
}

int bfd_status_del(int fd, const char *chassis)
{
	struct bfd_status_key k;

	make_key(&k, chassis);
	if (bpf_map_delete_elem(fd, &k) < 0 && errno != ENOENT)
		return -1;
	return 0;
}

void bfd_status_clear(int fd)
{
	struct bfd_status_key k;

	while (bpf_map_get_next_key(fd, NULL, &k) == 0 && bpf_map_delete_elem(fd, &k) == 0)
		;
}

int bfd_status_each(int fd, bfd_status_fn fn, void *arg)
{
	struct bfd_status_key k, next;
	struct bfd_status st;
	void *prev = NULL;

	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		if (bpf_map_lookup_elem(fd, &next, &st) == 0) {
			next.chassis[sizeof(next.chassis) - 1] = '\0';
			fn(next.chassis, &st, arg);
		}
		k = next;
		prev = &k;
	}
	return errno == ENOENT ? 0 : -1;
}
