// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test_map_apply_batch.c - xovn_map_apply() writes runs of entries of one
 * map in batches: sets larger than one batch and maps without batch
 * support (LPM tries) are written completely, deletes of keys already gone
 * do not stop the rest, and an entry the kernel refuses is reported with
 * its own index while everything before it is in place.
 */
#include <bpf/bpf.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "dataplane/map_apply.h"

/* More than two batches' worth, and not a multiple of a batch. */
#define MANY_FDB 10007
#define FEW_PSEC 37

static struct xh h;

static void setup(void)
{
	xh_open(&h);
}

static void teardown(void)
{
	xh_close(&h);
}

TestSuite(map_apply_batch, .init = setup, .fini = teardown);

static struct xovn_fdb_key fdb_key(uint32_t i)
{
	struct xovn_fdb_key k;

	memset(&k, 0, sizeof(k));
	k.dp_key = 1 + i % 7;
	k.mac[0] = 0x02;
	memcpy(&k.mac[2], &i, sizeof(i));
	return k;
}

static struct xovn_psec_ip4_key psec_key(uint32_t i)
{
	struct xovn_psec_ip4_key k;

	memset(&k, 0, sizeof(k));
	k.prefixlen = 32 + 16 + 48 + 32; /* exact match on dp, port, mac, ip */
	k.dp_key = 1;
	k.port_key = (uint16_t)(i + 1);
	k.mac[0] = 0x02;
	k.ip = 0x0a000000u + i;
	return k;
}

static void add_fdb(struct xovn_mapset *s, uint32_t i)
{
	struct xovn_fdb_key k = fdb_key(i);
	struct xovn_fdb_val v = { .port_key = (uint16_t)(i % 60000 + 1) };

	cr_assert_eq(xovn_mapset_add(s, XOVN_MAP_FDB, &k, sizeof(k), &v, sizeof(v)), 0);
}

static void add_psec(struct xovn_mapset *s, uint32_t i)
{
	struct xovn_psec_ip4_key k = psec_key(i);
	uint32_t v = 1;

	cr_assert_eq(xovn_mapset_add(s, XOVN_MAP_PSEC_IN4, &k, sizeof(k), &v, sizeof(v)), 0);
}

static int fdb_port(uint32_t i)
{
	struct xovn_fdb_key k = fdb_key(i);
	struct xovn_fdb_val v;

	return bpf_map_lookup_elem(h.map_fds[XOVN_MAP_FDB], &k, &v) ? -1 : v.port_key;
}

static int psec_present(uint32_t i)
{
	struct xovn_psec_ip4_key k = psec_key(i);
	uint32_t v;

	return bpf_map_lookup_elem(h.map_fds[XOVN_MAP_PSEC_IN4], &k, &v) == 0;
}

static size_t count_entries(int fd, size_t key_size)
{
	uint8_t key[64], next[64];
	size_t n = 0;

	cr_assert_leq(key_size, sizeof(key));
	while (bpf_map_get_next_key(fd, n ? key : NULL, next) == 0) {
		memcpy(key, next, key_size);
		n++;
	}
	return n;
}

Test(map_apply_batch, every_entry_of_a_set_larger_than_a_batch_is_written)
{
	struct xovn_mapset up;
	char err[256] = "";
	uint32_t i;

	xovn_mapset_init(&up);
	for (i = 0; i < FEW_PSEC; i++)
		add_psec(&up, i);
	for (i = 0; i < MANY_FDB; i++)
		add_fdb(&up, i);
	xovn_mapset_sort(&up);
	cr_assert_eq(xovn_map_apply(h.map_fds, &up, NULL, err, sizeof(err)), 0, "%s", err);

	cr_assert_eq(count_entries(h.map_fds[XOVN_MAP_FDB], sizeof(struct xovn_fdb_key)),
		     MANY_FDB);
	for (i = 0; i < MANY_FDB; i++)
		cr_assert_eq(fdb_port(i), (int)(i % 60000 + 1), "fdb entry %u", i);
	for (i = 0; i < FEW_PSEC; i++)
		cr_assert(psec_present(i), "LPM entry %u missing", i);
	xovn_mapset_free(&up);
}

Test(map_apply_batch, deletes_of_keys_already_gone_do_not_stop_the_rest)
{
	struct xovn_mapset up, del, none;
	char err[256] = "";
	uint32_t i;

	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	xovn_mapset_init(&none);
	/* Even entries and a few LPM ones are written; deletes name every entry. */
	for (i = 0; i < MANY_FDB; i += 2)
		add_fdb(&up, i);
	for (i = 0; i < FEW_PSEC; i += 3)
		add_psec(&up, i);
	for (i = 0; i < MANY_FDB; i++)
		add_fdb(&del, i);
	for (i = 0; i < FEW_PSEC; i++)
		add_psec(&del, i);
	xovn_mapset_sort(&del);
	cr_assert_eq(xovn_map_apply(h.map_fds, &up, NULL, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(count_entries(h.map_fds[XOVN_MAP_FDB], sizeof(struct xovn_fdb_key)),
		     (MANY_FDB + 1) / 2);

	cr_assert_eq(xovn_map_apply(h.map_fds, &none, &del, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(count_entries(h.map_fds[XOVN_MAP_FDB], sizeof(struct xovn_fdb_key)), 0);
	cr_assert_eq(count_entries(h.map_fds[XOVN_MAP_PSEC_IN4],
				   sizeof(struct xovn_psec_ip4_key)), 0);
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
}

Test(map_apply_batch, a_refused_entry_is_named_by_its_own_index)
{
	struct xovn_mapset up;
	struct xovn_dp_val dv;
	char err[256] = "", want[64];
	uint32_t i, dp;

	xovn_mapset_init(&up);
	for (i = 0; i < FEW_PSEC; i++)
		add_psec(&up, i);
	/* One datapath more than the map holds: the kernel refuses the last. */
	memset(&dv, 0, sizeof(dv));
	for (dp = 1; dp <= XOVN_MAX_DATAPATHS + 1; dp++)
		cr_assert_eq(xovn_mapset_add(&up, XOVN_MAP_DATAPATHS, &dp, sizeof(dp), &dv,
					     sizeof(dv)), 0);
	xovn_mapset_sort(&up);

	cr_assert_eq(xovn_map_apply(h.map_fds, &up, NULL, err, sizeof(err)), -1);
	/* Datapaths sort before the LPM maps: the refused one is the last datapath. */
	snprintf(want, sizeof(want), "upsert[%u]: map xovn_datapaths", XOVN_MAX_DATAPATHS);
	cr_assert(strstr(err, want) != NULL, "want \"%s\" in: %s", want, err);
	cr_assert_eq(count_entries(h.map_fds[XOVN_MAP_DATAPATHS], sizeof(uint32_t)),
		     XOVN_MAX_DATAPATHS, "the entries before the refused one are not all in");
	xovn_mapset_free(&up);
}
