// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_map_table.c - include/xovn_map_table.h against the BPF object xovnd
 * loads (build/xovn.bpf.o through its skeleton): every row is a map of the
 * object, pinned by its name, with the declared type, key and value sizes,
 * limit and flags, both as the object declares it and as the kernel creates
 * it; the object has no map the table lacks; and the field positions the
 * rows give (datapath key, port keys, counter slots) lie inside the layouts.
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dataplane/skel_maps.h"

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return level == LIBBPF_DEBUG ? 0 : vfprintf(stderr, fmt, ap);
}

/* Opens the object with private (unpinned) maps: a test never touches a chassis' pins. */
static struct xovn *open_private(struct bpf_map *maps[XOVN_MAP__ALL])
{
	struct xovn *skel;

	libbpf_set_print(quiet);
	skel = xovn__open();
	cr_assert_not_null(skel, "cannot open the xovn BPF object");
	xovn_skel_maps(skel, maps);
	return skel;
}

Test(map_table, every_row_is_an_object_map_of_the_declared_shape)
{
	struct bpf_map *maps[XOVN_MAP__ALL];
	struct xovn *skel = open_private(maps);

	for (int i = 0; i < XOVN_MAP__ALL; i++) {
		const struct xovn_map_desc *d = &xovn_map_descs[i];
		const char *pin = bpf_map__pin_path(maps[i]);
		size_t name_len = strlen(d->name);

		cr_assert_not_null(maps[i], "row %d has no map", i);
		cr_assert_str_eq(bpf_map__name(maps[i]), d->name, "row %d", i);
		cr_assert_str_eq(xovn_map_names[i], d->name, "row %d", i);
		cr_assert_eq(bpf_map__type(maps[i]), d->type, "%s: type", d->name);
		cr_assert_eq(bpf_map__key_size(maps[i]), d->key_size, "%s: key size", d->name);
		cr_assert_eq(bpf_map__value_size(maps[i]), d->value_size, "%s: value size", d->name);
		cr_assert_eq(bpf_map__max_entries(maps[i]), d->max_entries, "%s: max entries", d->name);
		cr_assert_eq(bpf_map__map_flags(maps[i]), d->flags, "%s: flags", d->name);
		/* Pinned by name: what xovnctl, bpftool and a restarted xovnd open. */
		cr_assert_not_null(pin, "%s is not pinned", d->name);
		cr_assert(strlen(pin) > name_len && strcmp(pin + strlen(pin) - name_len, d->name) == 0 &&
			  pin[strlen(pin) - name_len - 1] == '/', "%s pinned as %s", d->name, pin);
	}
	xovn__destroy(skel);
}

Test(map_table, the_kernel_creates_each_map_as_its_row_says)
{
	struct bpf_map *maps[XOVN_MAP__ALL], *map;
	struct xovn *skel = open_private(maps);

	bpf_object__for_each_map(map, skel->obj)
		cr_assert_eq(bpf_map__set_pin_path(map, NULL), 0);
	cr_assert_eq(xovn__load(skel), 0, "the datapath did not load");
	for (int i = 0; i < XOVN_MAP__ALL; i++) {
		const struct xovn_map_desc *d = &xovn_map_descs[i];
		struct bpf_map_info info;
		__u32 len = sizeof(info);

		memset(&info, 0, sizeof(info));
		cr_assert_eq(bpf_obj_get_info_by_fd(bpf_map__fd(maps[i]), &info, &len), 0,
			     "%s: no map info", d->name);
		/* The kernel keeps BPF_OBJ_NAME_LEN - 1 characters of a name. */
		cr_assert_eq(strncmp(info.name, d->name, sizeof(info.name) - 1), 0,
			     "%s created as %s", d->name, info.name);
		cr_assert_eq(info.type, d->type, "%s: type", d->name);
		cr_assert_eq(info.key_size, d->key_size, "%s: key size", d->name);
		cr_assert_eq(info.value_size, d->value_size, "%s: value size", d->name);
		cr_assert_eq(info.max_entries, d->max_entries, "%s: max entries", d->name);
		cr_assert_eq(info.map_flags, d->flags, "%s: flags", d->name);
	}
	xovn__destroy(skel);
}

/*
 * Maps private to one program run (per-CPU scratch space the router's steps
 * and the encapsulation use because of the BPF stack limit): never pinned, never read or
 * written by userspace, so they have no row.
 */
static int is_private_scratch(const struct bpf_map *map)
{
	static const char *const names[] = { "xovn_router_scratch", "xovn_dhcp6_scratch",
						     "xovn_mtu_scratch", "xovn_ra_scratch",
						     "xovn_nat_scratch", "xovn_fib_scratch" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(bpf_map__name(map), names[i]) == 0)
			return bpf_map__type(map) == BPF_MAP_TYPE_PERCPU_ARRAY;
	return 0;
}

Test(map_table, the_object_has_no_map_outside_the_table)
{
	struct bpf_map *maps[XOVN_MAP__ALL], *map;
	struct xovn *skel = open_private(maps);
	int n = 0;

	bpf_object__for_each_map(map, skel->obj) {
		int row = -1;

		if (bpf_map__is_internal(map))
			continue; /* global data sections, not maps of the model */
		if (is_private_scratch(map))
			continue;
		for (int i = 0; i < XOVN_MAP__ALL; i++)
			if (maps[i] == map)
				row = i;
		cr_assert_geq(row, 0, "map %s has no row in xovn_map_table.h", bpf_map__name(map));
		n++;
	}
	cr_assert_eq(n, XOVN_MAP__ALL);
	xovn__destroy(skel);
}

/* f (of width bytes) lies inside a key of key_size and a value of value_size bytes. */
static void assert_inside(const struct xovn_map_desc *d, struct xovn_field f, size_t extra,
			  size_t width, const char *what)
{
	size_t size = f.in == XOVN_FIELD_KEY ? d->key_size : d->value_size;

	cr_assert_neq(f.in, XOVN_FIELD_NONE, "%s: %s has no place", d->name, what);
	cr_assert_leq(f.off + extra + width, size, "%s: %s at %u+%zu beyond %zu bytes", d->name,
		      what, f.off, extra, size);
}

Test(map_table, the_rows_fields_lie_inside_their_layouts)
{
	int owners = 0;

	for (int i = 0; i < XOVN_MAP__ALL; i++) {
		const struct xovn_map_desc *d = &xovn_map_descs[i];
		const struct xovn_slot_use *u = &d->slot;
		size_t last;

		if (d->dp.in != XOVN_FIELD_NONE)
			assert_inside(d, d->dp, 0, sizeof(__u32), "datapath key");
		if (u->kind == XOVN_SLOT_NONE)
			continue;
		cr_assert_lt(i, XOVN_MAP__COUNT, "%s: slots in a map the compiler does not write",
			     d->name);
		cr_assert_neq(d->dp.in, XOVN_FIELD_NONE, "%s: a port needs its datapath", d->name);
		cr_assert_gt(u->max, 0, "%s", d->name);
		last = u->first + (size_t)(u->max - 1) * u->stride;
		assert_inside(d, (struct xovn_field){ XOVN_FIELD_VALUE, u->slot_off }, last,
			      sizeof(__u32), "last slot");
		assert_inside(d, u->port_key, u->port_key.in == XOVN_FIELD_VALUE ? last : 0,
			      sizeof(__u16), "last port key");
		if (u->counted)
			assert_inside(d, (struct xovn_field){ XOVN_FIELD_VALUE, u->n_off }, 0,
				      sizeof(__u16), "member count");
		owners += u->kind == XOVN_SLOT_OWN;
	}
	cr_assert_eq(owners, 1, "exactly one map gives ports their slots");
	cr_assert_eq(xovn_map_descs[xovn_map_slot_owner()].slot.kind, XOVN_SLOT_OWN);
}
