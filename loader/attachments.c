// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * attachments.c - reconciling TC filters with the attachment list.
 *
 * A filter that already runs our program is left alone; one that runs an
 * older program (a previous xovnd) is replaced in place, so traffic never
 * sees an interface without a program.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "attach_state.h"
#include "attachments.h"
#include "log.h"
#include "tc.h"

static const char *role_prog_name(int role)
{
	return role == XOVN_ATTACH_UNDERLAY ? "xovn_underlay_ingress" : "xovn_vif_ingress";
}

static int prog_id_of(int fd, uint32_t *id)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &len) < 0)
		return -1;
	*id = info.id;
	return 0;
}

int attachments_init(struct attachments *a, int state_fd, int vif_prog_fd, int underlay_prog_fd)
{
	memset(a, 0, sizeof(*a));
	a->state_fd = state_fd;
	a->prog_fd[XOVN_ATTACH_VIF] = vif_prog_fd;
	a->prog_fd[XOVN_ATTACH_UNDERLAY] = underlay_prog_fd;
	if (prog_id_of(vif_prog_fd, &a->prog_id[XOVN_ATTACH_VIF]) < 0 ||
	    prog_id_of(underlay_prog_fd, &a->prog_id[XOVN_ATTACH_UNDERLAY]) < 0) {
		log_info("cannot read program ids: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static const struct attach_record *find_record(const struct attach_record *recs, size_t n,
					       const char *ifname, int role)
{
	for (size_t i = 0; i < n; i++) {
		if ((int)recs[i].role == role && strcmp(recs[i].ifname, ifname) == 0)
			return &recs[i];
	}
	return NULL;
}

static int wanted(const struct xovn_attach *want, size_t n, const char *ifname, int role)
{
	for (size_t i = 0; i < n; i++) {
		if (want[i].role == role && strcmp(want[i].ifname, ifname) == 0)
			return 1;
	}
	return 0;
}

/* Our program already sits in our slot: nothing to do. */
static int already_attached(struct attachments *a, int ifindex, int role)
{
	uint32_t id;

	return tc_query(ifindex, role, &id) == 0 && id == a->prog_id[role];
}

static int attach_one(struct attachments *a, const struct xovn_attach *w,
		      const struct attach_record *old)
{
	struct attach_record rec;
	int ifindex = (int)if_nametoindex(w->ifname);
	int created = 0;

	if (ifindex == 0) {
		if (old) {
			log_info("interface %s is gone; will attach again when it returns", w->ifname);
			attach_state_del(a->state_fd, w->ifname, (uint32_t)w->role);
		} else if (!a->first_sync_done) {
			log_info("interface %s is not here yet; will attach when it appears", w->ifname);
		}
		return 0;
	}
	if (old && (int)old->ifindex == ifindex && already_attached(a, ifindex, w->role))
		return 0;
	if (tc_attach(ifindex, w->role, a->prog_fd[w->role], &created) < 0) {
		log_info("cannot attach %s to %s: %s", role_prog_name(w->role), w->ifname,
			 strerror(errno));
		return -1;
	}
	memset(&rec, 0, sizeof(rec));
	strcpy(rec.ifname, w->ifname);
	rec.role = (uint32_t)w->role;
	rec.ifindex = (uint32_t)ifindex;
	/* A restart finds the qdisc it created last time: keep owning it. */
	rec.created_hook = created || (old && (int)old->ifindex == ifindex && old->created_hook);
	if (attach_state_put(a->state_fd, &rec) < 0)
		log_info("cannot record the attachment to %s: %s", w->ifname, strerror(errno));
	log_info("attached %s to %s (ifindex %d)", role_prog_name(w->role), w->ifname, ifindex);
	return 0;
}

static int detach_one(struct attachments *a, const struct attach_record *rec)
{
	int ifindex = (int)if_nametoindex(rec->ifname);

	/* Only the very interface we attached to: a new one with the name is not ours. */
	if (ifindex != 0 && (uint32_t)ifindex == rec->ifindex &&
	    tc_detach(ifindex, (int)rec->role, (int)rec->created_hook) < 0) {
		log_info("cannot detach from %s: %s", rec->ifname, strerror(errno));
		return -1;
	}
	attach_state_del(a->state_fd, rec->ifname, rec->role);
	log_info("detached %s from %s", role_prog_name((int)rec->role), rec->ifname);
	return 0;
}

int attachments_sync(struct attachments *a, const struct xovn_attach *want, size_t n)
{
	struct attach_record *recs;
	size_t nrecs;
	int failures = 0;

	if (attach_state_list(a->state_fd, &recs, &nrecs) < 0) {
		log_info("cannot read the attachment record: %s", strerror(errno));
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (want[i].role != XOVN_ATTACH_VIF && want[i].role != XOVN_ATTACH_UNDERLAY)
			continue;
		if (attach_one(a, &want[i], find_record(recs, nrecs, want[i].ifname, want[i].role)) < 0)
			failures++;
	}
	for (size_t i = 0; i < nrecs; i++) {
		if (!wanted(want, n, recs[i].ifname, (int)recs[i].role) && detach_one(a, &recs[i]) < 0)
			failures++;
	}
	free(recs);
	a->first_sync_done = 1;
	return failures;
}
