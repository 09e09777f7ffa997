// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* map_apply.c - writing a mapset difference into the BPF maps. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "dataplane/map_apply.h"
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

/*
 * Entries of one map that follow each other go to the kernel in batches of
 * up to BATCH_MAX: one bpf() call instead of one per entry, which is most
 * of the cost of filling maps for a big model.
 */
#define BATCH_MAX 4096

/* Where set->v[start]'s run of entries for the same map ends. */
static size_t run_end(const struct xovn_mapset *set, size_t start)
{
	size_t end = start + 1;

	while (end < set->n && set->v[end].map == set->v[start].map)
		end++;
	return end;
}

/* Keys (and values, when vals is not NULL) of v[0..n) packed back to back. */
static void pack_entries(const struct xovn_map_entry *v, size_t n, uint8_t *keys, uint8_t *vals)
{
	for (size_t i = 0; i < n; i++) {
		memcpy(keys + i * v[i].key_len, v[i].key, v[i].key_len);
		if (vals)
			memcpy(vals + i * v[i].val_len, v[i].val, v[i].val_len);
	}
}

/*
 * Tries to write v[0..n) (n <= BATCH_MAX) in one call; returns how many
 * the kernel took.  Fewer than n (a map type without batch support, no
 * memory, or an entry the kernel refused) leaves the rest to the
 * one-at-a-time path, which reports the exact entry and reason.
 */
static size_t batch_write(int fd, const struct xovn_map_entry *v, size_t n, int upsert)
{
	LIBBPF_OPTS(bpf_map_batch_opts, opts, .elem_flags = BPF_ANY);
	uint8_t *keys = malloc(n * v[0].key_len);
	uint8_t *vals = upsert ? malloc(n * v[0].val_len) : NULL;
	int packed = keys && (vals || !upsert);
	uint32_t count = (uint32_t)n;
	int rc = -1;

	if (packed) {
		pack_entries(v, n, keys, vals);
		rc = upsert ? bpf_map_update_batch(fd, keys, vals, &count, &opts)
			    : bpf_map_delete_batch(fd, keys, &count, &opts);
	}
	free(keys);
	free(vals);
	if (rc == 0)
		return n;
	/*
	 * After a refused entry count says how many went in before it; a map
	 * without batch support leaves count untouched, and then none did.
	 */
	return packed && count < n ? count : 0;
}

static int upsert_one(int fd, const struct xovn_map_entry *e)
{
	return bpf_map_update_elem(fd, e->key, e->val, BPF_ANY);
}

/* An array's slots cannot be deleted: forgetting one means zeroing it. */
static int is_array(uint32_t map)
{
	return xovn_map_descs[map].type == BPF_MAP_TYPE_ARRAY;
}

static int delete_one(int fd, const struct xovn_map_entry *e)
{
	if (is_array(e->map)) {
		uint8_t *zero = calloc(1, xovn_map_descs[e->map].value_size);
		int rc = zero ? bpf_map_update_elem(fd, e->key, zero, BPF_ANY) : -1;

		free(zero);
		return rc;
	}
	/* A key already gone is fine: a retried apply converges. */
	return bpf_map_delete_elem(fd, e->key) && errno != ENOENT ? -1 : 0;
}

/*
 * Writes (or deletes) v[0..n), all of one map: batches first, then one at
 * a time from wherever a batch stopped.  Returns -1 with *failed set to the
 * index of the entry the kernel refused.
 */
static int write_run(int fd, const struct xovn_map_entry *v, size_t n, int upsert,
		     size_t *failed)
{
	size_t done = 0;

	while (done < n) {
		size_t chunk = n - done < BATCH_MAX ? n - done : BATCH_MAX;
		/* Arrays are zeroed, not deleted: always one at a time. */
		size_t took = upsert || !is_array(v[0].map)
				      ? batch_write(fd, v + done, chunk, upsert) : 0;

		done += took;
		if (took == chunk)
			continue;
		if ((upsert ? upsert_one(fd, &v[done]) : delete_one(fd, &v[done])) < 0) {
			*failed = done;
			return -1;
		}
		done++;
	}
	return 0;
}

/* Writes set->v[start..end), one map's run; the failing entry named in err. */
static int apply_run(const int fds[XOVN_MAP__COUNT], const struct xovn_mapset *set,
		     size_t start, size_t end, int upsert, char *err, size_t errlen)
{
	size_t failed;

	if (!write_run(fds[set->v[start].map], &set->v[start], end - start, upsert, &failed))
		return 0;
	snprintf(err, errlen, "%s[%zu]: map %s: %s", upsert ? "upsert" : "delete", start + failed,
		 map_name(set->v[start].map), strerror(errno));
	return -1;
}

static int write_upserts(const int fds[XOVN_MAP__COUNT], const struct xovn_mapset *set,
			 char *err, size_t errlen)
{
	size_t i, end;

	for (i = 0; set && i < set->n; i = end) {
		end = run_end(set, i);
		if (apply_run(fds, set, i, end, 1, err, errlen))
			return -1;
	}
	return 0;
}

/* Where the run of entries for set->v[end - 1]'s map begins. */
static size_t run_start(const struct xovn_mapset *set, size_t end)
{
	size_t start = end - 1;

	while (start > 0 && set->v[start - 1].map == set->v[end - 1].map)
		start--;
	return start;
}

static int write_deletes(const int fds[XOVN_MAP__COUNT], const struct xovn_mapset *set,
			 char *err, size_t errlen)
{
	size_t start, end;

	/* Runs back to front: referrers (later maps) go before their targets. */
	for (end = set ? set->n : 0; end > 0; end = start) {
		start = run_start(set, end);
		if (apply_run(fds, set, start, end, 0, err, errlen))
			return -1;
	}
	return 0;
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
