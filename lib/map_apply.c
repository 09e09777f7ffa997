// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* map_apply.c - writing a mapset difference into the BPF maps. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/bpf.h>

#include "map_apply.h"
#include "xovn_maps.h"

struct map_shape {
	uint32_t key_size;
	uint32_t value_size;
};

static const char *map_name(uint32_t map)
{
	return map < XOVN_MAP__COUNT ? xovn_map_names[map] : "?";
}

/* Reads each map's key and value sizes from the kernel once. */
static int read_shapes(const int fds[XOVN_MAP__COUNT], struct map_shape shapes[XOVN_MAP__COUNT],
		       char *err, size_t errlen)
{
	struct bpf_map_info info;
	uint32_t len;
	int i;

	for (i = 0; i < XOVN_MAP__COUNT; i++) {
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		if (fds[i] < 0 || bpf_obj_get_info_by_fd(fds[i], &info, &len)) {
			snprintf(err, errlen, "map %s: no usable map fd (%d)", xovn_map_names[i], fds[i]);
			return -1;
		}
		shapes[i].key_size = info.key_size;
		shapes[i].value_size = info.value_size;
	}
	return 0;
}

/* An entry fits its map: known map id, exact key size, exact value size (if any). */
static int check_set(const struct xovn_mapset *set, const char *what, int with_values,
		     const struct map_shape shapes[XOVN_MAP__COUNT], char *err, size_t errlen)
{
	const struct xovn_map_entry *e;
	size_t i;

	for (i = 0; set && i < set->n; i++) {
		e = &set->v[i];
		if (e->map >= XOVN_MAP__COUNT) {
			snprintf(err, errlen, "%s[%zu]: unknown map id %u", what, i, e->map);
			return -1;
		}
		if (e->key_len != shapes[e->map].key_size || !e->key) {
			snprintf(err, errlen, "%s[%zu]: map %s: key is %u bytes, map wants %u",
				 what, i, map_name(e->map), e->key_len, shapes[e->map].key_size);
			return -1;
		}
		if (with_values && (e->val_len != shapes[e->map].value_size || !e->val)) {
			snprintf(err, errlen, "%s[%zu]: map %s: value is %u bytes, map wants %u",
				 what, i, map_name(e->map), e->val_len, shapes[e->map].value_size);
			return -1;
		}
	}
	return 0;
}

static int write_upserts(const int fds[XOVN_MAP__COUNT], const struct xovn_mapset *set,
			 char *err, size_t errlen)
{
	const struct xovn_map_entry *e;
	size_t i;

	for (i = 0; set && i < set->n; i++) {
		e = &set->v[i];
		if (bpf_map_update_elem(fds[e->map], e->key, e->val, BPF_ANY)) {
			snprintf(err, errlen, "upsert[%zu]: map %s: %s", i, map_name(e->map),
				 strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int write_deletes(const int fds[XOVN_MAP__COUNT], const struct xovn_mapset *set,
			 char *err, size_t errlen)
{
	const struct xovn_map_entry *e;
	size_t i;

	for (i = set ? set->n : 0; i-- > 0;) {
		e = &set->v[i];
		if (e->map == XOVN_MAP_CONFIG) {
			/* An array slot cannot be deleted: forgetting it means zeroing it. */
			struct xovn_config zero = { 0 };

			if (bpf_map_update_elem(fds[e->map], e->key, &zero, BPF_ANY))
				goto fail;
			continue;
		}
		if (bpf_map_delete_elem(fds[e->map], e->key) && errno != ENOENT)
			goto fail;
	}
	return 0;
fail:
	snprintf(err, errlen, "delete[%zu]: map %s: %s", i, map_name(e->map), strerror(errno));
	return -1;
}

int xovn_map_apply(const int fds[XOVN_MAP__COUNT], const struct xovn_mapset *upserts,
		   const struct xovn_mapset *deletes, char *err, size_t errlen)
{
	struct map_shape shapes[XOVN_MAP__COUNT];

	if (read_shapes(fds, shapes, err, errlen) ||
	    check_set(upserts, "upsert", 1, shapes, err, errlen) ||
	    check_set(deletes, "delete", 0, shapes, err, errlen))
		return -1;
	/* New targets exist before anything refers to them; old referrers go before their targets. */
	if (write_upserts(fds, upserts, err, errlen))
		return -1;
	return write_deletes(fds, deletes, err, errlen);
}
