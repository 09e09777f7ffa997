// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * map_dump.c - walking each map with get_next_key + lookup.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <linux/bpf.h>

#include "log.h"
#include "map_dump.h"

struct map_shape {
	uint32_t type;
	uint32_t key_size;
	uint32_t value_size;
};

static int map_shape_of(int fd, struct map_shape *shape)
{
	struct bpf_map_info info;
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &len) < 0)
		return -1;
	shape->type = info.type;
	shape->key_size = info.key_size;
	shape->value_size = info.value_size;
	return 0;
}

/*
 * An array always holds max_entries values; an all-zero one was never
 * written, so it is not part of what was applied.
 */
static int is_unwritten_array_slot(const struct map_shape *shape, const uint8_t *val)
{
	if (shape->type != BPF_MAP_TYPE_ARRAY)
		return 0;
	for (uint32_t i = 0; i < shape->value_size; i++) {
		if (val[i])
			return 0;
	}
	return 1;
}

static int dump_map(int fd, uint32_t id, const struct map_shape *shape, struct xovn_mapset *out)
{
	uint8_t *key = calloc(1, shape->key_size), *next = calloc(1, shape->key_size);
	uint8_t *val = calloc(1, shape->value_size);
	int rc = 0, first = 1;

	if (!key || !next || !val)
		rc = -1;
	while (rc == 0 && bpf_map_get_next_key(fd, first ? NULL : key, next) == 0) {
		first = 0;
		memcpy(key, next, shape->key_size);
		if (bpf_map_lookup_elem(fd, key, val) < 0)
			continue; /* deleted under us: not there */
		if (is_unwritten_array_slot(shape, val))
			continue;
		if (xovn_mapset_add(out, id, key, (uint16_t)shape->key_size, val,
				    (uint16_t)shape->value_size) < 0)
			rc = -1;
	}
	free(key);
	free(next);
	free(val);
	return rc;
}

int map_dump_all(const int fds[XOVN_MAP__COUNT], struct xovn_mapset *out)
{
	for (uint32_t id = 0; id < XOVN_MAP__COUNT; id++) {
		struct map_shape shape;

		if (map_shape_of(fds[id], &shape) < 0) {
			log_info("cannot read %s's shape: %s", xovn_map_names[id], strerror(errno));
			return -1;
		}
		if (dump_map(fds[id], id, &shape, out) < 0) {
			log_info("out of memory dumping %s", xovn_map_names[id]);
			return -1;
		}
	}
	xovn_mapset_sort(out);
	return 0;
}
