// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * attachments.c - reconciling TC filters with the attachment list.
 *
 * A filter that already runs our program is left alone; one that runs an
 * older program (a previous xovnd) is replaced in place, so traffic never
 * sees an interface without a program.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "attach_state.h"
#include "attachments.h"
#include "log.h"
#include "prog_info.h"
#include "tc.h"

static const char *role_prog_name(int role)
{
	return role == XOVN_ATTACH_UNDERLAY ? "xovn_underlay_ingress" : "xovn_vif_ingress";
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

/* (role, name) order, for both the records and the wanted list. */
static int cmp_role_name(int role_a, const char *name_a, int role_b, const char *name_b)
{
	if (role_a != role_b)
		return role_a < role_b ? -1 : 1;
	return strncmp(name_a, name_b, sizeof(((struct xovn_attach *)0)->ifname));
}

static int cmp_records(const void *a, const void *b)
{
	const struct attach_record *x = a, *y = b;

	return cmp_role_name((int)x->role, x->ifname, (int)y->role, y->ifname);
}

static int cmp_wants(const void *a, const void *b)
{
	const struct xovn_attach *x = a, *y = b;

	return cmp_role_name(x->role, x->ifname, y->role, y->ifname);
}

/* recs sorted by cmp_records: a chassis may have thousands of VIFs. */
static const struct attach_record *find_record(const struct attach_record *recs, size_t n,
					       const char *ifname, int role)
{
	struct attach_record probe;

	memset(&probe, 0, sizeof(probe));
	snprintf(probe.ifname, sizeof(probe.ifname), "%s", ifname);
	probe.role = (uint32_t)role;
	return n ? bsearch(&probe, recs, n, sizeof(probe), cmp_records) : NULL;
}

/* want sorted by cmp_wants. */
static int wanted(const struct xovn_attach *want, size_t n, const char *ifname, int role)
{
	struct xovn_attach probe;

	memset(&probe, 0, sizeof(probe));
	snprintf(probe.ifname, sizeof(probe.ifname), "%s", ifname);
	probe.role = role;
	return n && bsearch(&probe, want, n, sizeof(probe), cmp_wants) != NULL;
}

/* Our program already sits in our slot: nothing to do. */
static int already_attached(struct attachments *a, int ifindex, int role)
{
	uint32_t id;

	return tc_query(ifindex, role, &id) == 0 && id == a->prog_id[role];
}

static int attach_one(struct attachments *a, const struct xovn_attach *w,
		      const struct attach_record *old, const struct iface_table *links)
{
	struct attach_record rec;
	int ifindex = (int)iface_table_index(links, w->ifname);
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

static int detach_one(struct attachments *a, const struct attach_record *rec,
		      const struct iface_table *links)
{
	int ifindex = (int)iface_table_index(links, rec->ifname);

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

int attachments_sync(struct attachments *a, const struct xovn_attach *want, size_t n,
		     const struct iface_table *links)
{
	struct attach_record *recs;
	struct xovn_attach *sorted_want;
	size_t nrecs;
	int failures = 0;

	if (attach_state_list(a->state_fd, &recs, &nrecs) < 0) {
		log_info("cannot read the attachment record: %s", strerror(errno));
		return 1;
	}
	sorted_want = malloc((n ? n : 1) * sizeof(*want));
	if (!sorted_want) {
		log_info("out of memory syncing attachments");
		free(recs);
		return 1;
	}
	memcpy(sorted_want, want, n * sizeof(*want));
	qsort(sorted_want, n, sizeof(*want), cmp_wants);
	qsort(recs, nrecs, sizeof(*recs), cmp_records);
	for (size_t i = 0; i < n; i++) {
		if (want[i].role != XOVN_ATTACH_VIF && want[i].role != XOVN_ATTACH_UNDERLAY)
			continue;
		if (attach_one(a, &want[i], find_record(recs, nrecs, want[i].ifname, want[i].role),
			       links) < 0)
			failures++;
	}
	for (size_t i = 0; i < nrecs; i++) {
		if (!wanted(sorted_want, n, recs[i].ifname, (int)recs[i].role) &&
		    detach_one(a, &recs[i], links) < 0)
			failures++;
	}
	free(sorted_want);
	free(recs);
	a->first_sync_done = 1;
	return failures;
}
