// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * underlay_xdp.c - attaching and removing the underlay's XDP guard.
 *
 * Like the TC filters, the XDP attachment itself keeps the program running
 * after xovnd exits, so a restarted xovnd finds its predecessor's guard on
 * the interface and swaps it atomically (XDP_FLAGS_REPLACE) in the mode it
 * was attached in: native and generic XDP cannot coexist on one interface.
 */
#include <errno.h>
#include <linux/if_link.h>
#include <net/if.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "log.h"
#include "prog_info.h"
#include "underlay_xdp.h"

/* The kernel keeps BPF_OBJ_NAME_LEN - 1 characters of a program's name. */
#define GUARD_PROG_NAME "xovn_underlay_xdp"

/* What is attached at ifindex now. */
struct xdp_current {
	uint32_t prog_id;   /* 0 = nothing */
	uint32_t mode_flag; /* XDP_FLAGS_DRV_MODE, _SKB_MODE or _HW_MODE */
	int ours;
};

static uint32_t mode_flag_of(uint8_t attach_mode)
{
	switch (attach_mode) {
	case XDP_ATTACHED_SKB:
		return XDP_FLAGS_SKB_MODE;
	case XDP_ATTACHED_HW:
		return XDP_FLAGS_HW_MODE;
	default:
		return XDP_FLAGS_DRV_MODE;
	}
}

static int prog_is_guard(uint32_t prog_id)
{
	struct bpf_prog_info info;
	int fd = bpf_prog_get_fd_by_id(prog_id), ours;

	if (fd < 0)
		return 0;
	ours = prog_info_get(fd, &info) == 0 &&
	       strncmp(info.name, GUARD_PROG_NAME, sizeof(info.name) - 1) == 0;
	close(fd);
	return ours;
}

static int xdp_current_get(int ifindex, struct xdp_current *cur)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, q);
	int err = bpf_xdp_query(ifindex, 0, &q);

	memset(cur, 0, sizeof(*cur));
	if (err) {
		errno = -err;
		return -1;
	}
	/* With programs in several modes prog_id is 0: none of them is a lone guard of ours. */
	cur->prog_id = q.prog_id;
	cur->mode_flag = mode_flag_of(q.attach_mode);
	cur->ours = cur->prog_id && prog_is_guard(cur->prog_id);
	return 0;
}

/* Swaps an older guard for prog_fd, only if that guard is still the one attached. */
static int replace_guard(int ifindex, int prog_fd, const struct xdp_current *cur)
{
	int old_fd = bpf_prog_get_fd_by_id(cur->prog_id), err;
	LIBBPF_OPTS(bpf_xdp_attach_opts, opts, .old_prog_fd = old_fd);

	if (old_fd < 0)
		return -1;
	err = bpf_xdp_attach(ifindex, prog_fd, cur->mode_flag | XDP_FLAGS_REPLACE, &opts);
	close(old_fd);
	if (err) {
		errno = -err;
		return -1;
	}
	return 0;
}

/* Native mode where the driver has it; generic (skb) mode otherwise.  The mode used, or 0. */
static uint32_t attach_guard(int ifindex, int prog_fd)
{
	uint32_t flags = XDP_FLAGS_UPDATE_IF_NOEXIST;
	int err;

	err = bpf_xdp_attach(ifindex, prog_fd, flags | XDP_FLAGS_DRV_MODE, NULL);
	if (!err)
		return XDP_FLAGS_DRV_MODE;
	err = bpf_xdp_attach(ifindex, prog_fd, flags | XDP_FLAGS_SKB_MODE, NULL);
	if (!err)
		return XDP_FLAGS_SKB_MODE;
	errno = -err;
	return 0;
}

static int guard_put(int ifindex, const char *ifname, int prog_fd)
{
	struct xdp_current cur;
	uint32_t id, mode;

	if (xdp_current_get(ifindex, &cur) < 0 || prog_id_of(prog_fd, &id) < 0) {
		log_info("cannot query XDP on %s: %s", ifname, strerror(errno));
		return -1;
	}
	if (cur.prog_id == id)
		return 0;
	if (cur.prog_id && !cur.ours) {
		log_info("%s already runs XDP program %u; not attaching the underlay guard",
			 ifname, cur.prog_id);
		return -1;
	}
	if (cur.prog_id) {
		if (replace_guard(ifindex, prog_fd, &cur) < 0) {
			log_info("cannot replace the XDP guard on %s: %s", ifname, strerror(errno));
			return -1;
		}
		log_info("replaced the XDP guard on %s", ifname);
		return 0;
	}
	mode = attach_guard(ifindex, prog_fd);
	if (!mode) {
		log_info("cannot attach the XDP guard to %s: %s", ifname, strerror(errno));
		return -1;
	}
	log_info("XDP guard on %s (%s mode)", ifname,
		 mode == XDP_FLAGS_DRV_MODE ? "native" : "generic");
	return 0;
}

int underlay_xdp_detach(int ifindex, const char *ifname)
{
	struct xdp_current cur;
	LIBBPF_OPTS(bpf_xdp_attach_opts, opts);
	int err;

	if (xdp_current_get(ifindex, &cur) < 0) {
		log_info("cannot query XDP on %s: %s", ifname, strerror(errno));
		return -1;
	}
	if (!cur.ours)
		return 0;
	opts.old_prog_fd = bpf_prog_get_fd_by_id(cur.prog_id);
	if (opts.old_prog_fd < 0)
		return 0; /* gone meanwhile */
	/* REPLACE with the old fd: never removes a program someone attached since. */
	err = bpf_xdp_detach(ifindex, cur.mode_flag | XDP_FLAGS_REPLACE, &opts);
	close(opts.old_prog_fd);
	if (err) {
		log_info("cannot remove the XDP guard from %s: %s", ifname, strerror(-err));
		return -1;
	}
	log_info("removed the XDP guard from %s", ifname);
	return 0;
}

int underlay_xdp_sync(const struct xovn_attach *want, size_t n, int prog_fd)
{
	for (size_t i = 0; i < n; i++) {
		int ifindex;

		if (want[i].role != XOVN_ATTACH_UNDERLAY)
			continue;
		ifindex = (int)if_nametoindex(want[i].ifname);
		if (!ifindex)
			return 0; /* not there yet: the next link event brings us back */
		if (prog_fd < 0)
			return underlay_xdp_detach(ifindex, want[i].ifname);
		return guard_put(ifindex, want[i].ifname, prog_fd);
	}
	return 0;
}
