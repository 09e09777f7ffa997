// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * attach_state.c - the pinned (ifname, role) -> (ifindex, hook) record.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "attach_state.h"
#include "log.h"

#define ATTACH_STATE_MAX 4096

struct state_key {
	char ifname[16];
	uint32_t role;
};

struct state_val {
	uint32_t ifindex;
	uint32_t created_hook;
};

static void make_key(struct state_key *k, const char *ifname, uint32_t role)
{
	size_t len = strnlen(ifname, sizeof(k->ifname) - 1);

	memset(k, 0, sizeof(*k));
	memcpy(k->ifname, ifname, len);
	k->role = role;
}

static int create_pinned(const char *path)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_HASH, ATTACH_STATE_PIN, sizeof(struct state_key),
				sizeof(struct state_val), ATTACH_STATE_MAX, NULL);

	if (fd < 0) {
		log_info("cannot create the attachment record: %s", strerror(errno));
		return -1;
	}
	if (bpf_obj_pin(fd, path) < 0) {
		log_info("cannot pin the attachment record at %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int attach_state_open(const char *pin_dir, int create)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", pin_dir, ATTACH_STATE_PIN);
	fd = bpf_obj_get(path);
	if (fd >= 0 || !create) {
		if (fd < 0 && errno != ENOENT)
			log_info("cannot open %s: %s", path, strerror(errno));
		return fd;
	}
	return create_pinned(path);
}

int attach_state_put(int fd, const struct attach_record *rec)
{
	struct state_key k;
	struct state_val v = { .ifindex = rec->ifindex, .created_hook = rec->created_hook };

	make_key(&k, rec->ifname, rec->role);
	return bpf_map_update_elem(fd, &k, &v, BPF_ANY);
}

int attach_state_del(int fd, const char *ifname, uint32_t role)
{
	struct state_key k;

	make_key(&k, ifname, role);
	if (bpf_map_delete_elem(fd, &k) < 0 && errno != ENOENT)
		return -1;
	return 0;
}

static int append(struct attach_record **v, size_t *n, const struct state_key *k,
		  const struct state_val *val)
{
	struct attach_record *nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (!nv)
		return -1;
	*v = nv;
	memcpy(nv[*n].ifname, k->ifname, sizeof(k->ifname));
	nv[*n].ifname[sizeof(nv[*n].ifname) - 1] = '\0';
	nv[*n].role = k->role;
	nv[*n].ifindex = val->ifindex;
	nv[*n].created_hook = val->created_hook;
	(*n)++;
	return 0;
}

int attach_state_list(int fd, struct attach_record **out, size_t *n)
{
	struct state_key k, next;
	struct state_val val;
	void *prev = NULL;

	*out = NULL;
	*n = 0;
	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		if (bpf_map_lookup_elem(fd, &next, &val) == 0 && append(out, n, &next, &val) < 0) {
			free(*out);
			*out = NULL;
			*n = 0;
			return -1;
		}
		k = next;
		prev = &k;
	}
	return 0;
}
