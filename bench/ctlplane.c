// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * ctlplane.c - what each control-plane step costs as the model grows.
 *
 *   bench_ctlplane --sizes 11,1000,10000,100000 --reps 5
 *   bench_ctlplane --write-model PORTS FILE
 *
 * For each size (every repetition runs every size, in a rotating order),
 * in this process and against the real (private) maps:
 *   load       read and parse the db file          (xovn_model_load)
 *   floor      one walk over the parsed document, reading every member
 *              name and string: the least that validate and compile must
 *              also do, so its growth is the floor of theirs
 *   floor_refs one index of every port name (sized up front) and one
 *              lookup in it per VIF attachment, in the chassis' order:
 *              the least a cross-reference by name costs, one probe of a
 *              table as big as the model per reference
 *   floor_refs_batch  the same, the names claimed and looked up in
 *              batches that ask for each name's memory ahead
 *              (name_index_claim_batch, name_index_get_batch), as the
 *              resolution of references does
 *   validate   every schema and semantic rule, reading the document
 *              into the typed model once  (xovn_model_validate_typed)
 *   compile    validate's typed model -> map entries for hv1, slots
 *              assigned (xovn_compile, xovn_slots_assign), as xovnd
 *              compiles the reading its validation made
 *   apply      write all entries into empty maps   (xovn_map_apply)
 *   change     one port's MAC changed: compile, diff, write the difference
 * Rows:  cp PORTS SWITCHES PHASE REP NS
 *        (PHASE: load floor floor_refs floor_refs_batch validate compile apply
 *        change)
 *        mem PORTS MAP ENTRIES ENTRY_BYTES MEMLOCK_BYTES
 * MEMLOCK is what the kernel charges for the map (fdinfo), sized by the
 * map's max_entries, not by how full it is.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compile/compile.h"
#include "util/name_index.h"
#include "util/heap.h"
#include "datapath.h"
#include "dataplane/map_apply.h"
#include "model/model.h"
#include "model_gen.h"
#include "dataplane/slots.h"
#include "timing.h"

#define MAX_SIZES 8

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void row(size_t ports, const char *phase, unsigned rep, double ns)
{
	printf("cp\t%zu\t%zu\t%s\t%u\t%.0f\n", ports, bm_switch_count(ports), phase, rep, ns);
}

static long long fd_memlock(int fd)
{
	char path[64], line[256];
	long long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "memlock: %lld", &v) == 1)
			break;
	fclose(f);
	return v;
}

static void memory_rows(const struct bd *d, const struct xovn_mapset *set, size_t ports)
{
	size_t entries[XOVN_MAP__COUNT] = { 0 }, bytes[XOVN_MAP__COUNT] = { 0 }, i;

	for (i = 0; i < set->n; i++) {
		entries[set->v[i].map]++;
		bytes[set->v[i].map] = set->v[i].key_len + set->v[i].val_len;
	}
	for (i = 0; i < XOVN_MAP__COUNT; i++)
		printf("mem\t%zu\t%s\t%zu\t%zu\t%lld\n", ports, xovn_map_names[i], entries[i],
		       bytes[i], fd_memlock(d->map_fds[i]));
}

/* v4 of switch bench gets a new MAC: a one-port change anywhere in the model. */
static void change_one_port(json_t *model, unsigned rep)
{
	json_t *sw = json_array_get(json_object_get(model, "logical_switches"), 0);
	json_t *port = json_array_get(json_object_get(sw, "ports"), BM_V4 - 1);
	char addr[64];

	snprintf(addr, sizeof(addr), "02:00:00:00:aa:%02x 10.1.0.5", rep & 0xff);
	json_array_set_new(json_object_get(port, "addresses"), 0, json_string(addr));
}

/* Bytes of every member name and string under v, each read once. */
static size_t walk_value(const json_t *v)
{
	const char *key;
	json_t *item;
	size_t i, bytes = 0;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		json_object_foreach((json_t *)v, key, item)
			bytes += strlen(key) + walk_value(item);
		return bytes;
	case JSON_ARRAY:
		json_array_foreach(v, i, item)
			bytes += walk_value(item);
		return bytes;
	case JSON_STRING:
		return strlen(json_string_value(v));
	default:
		return 1;
	}
}

/* Every port name into an index, then every VIF's port looked up in it. */
static size_t refs_walk(const json_t *model)
{
	const json_t *sws = json_object_get(model, "logical_switches"), *sw, *port, *ch, *vif;
	struct name_index idx;
	size_t i, j, total = 0, found = 0;

	json_array_foreach(sws, i, sw)
		total += json_array_size(json_object_get(sw, "ports"));
	name_index_init(&idx);
	if (name_index_reserve(&idx, total) < 0)
		return 0;
	json_array_foreach(sws, i, sw)
		json_array_foreach(json_object_get(sw, "ports"), j, port)
			name_index_put_new(&idx, json_string_value(json_object_get(port, "name")),
					   port);
	json_array_foreach(json_object_get(model, "chassis"), i, ch)
		json_array_foreach(json_object_get(ch, "vifs"), j, vif)
			found += name_index_get(&idx, json_string_value(json_object_get(vif, "port")))
				 != NULL;
	name_index_free(&idx);
	return found;
}

/* One member of the objects of a JSON array, for the batch lookups. */
struct refs_batch {
	const json_t *items;
	const char *member;
	size_t found;
};

static const char *member_at(const void *arg, size_t i)
{
	const struct refs_batch *r = arg;

	return json_string_value(json_object_get(json_array_get(r->items, i), r->member));
}

static const void *item_at(const void *arg, size_t i)
{
	return json_array_get(((const struct refs_batch *)arg)->items, i);
}

static void count_found(void *arg, size_t i, const void *v)
{
	(void)i;
	((struct refs_batch *)arg)->found += v != NULL;
}

/* refs_walk with the lookups and claims in batches (name_index_claim_batch, _get_batch). */
static size_t refs_walk_batch(const json_t *model)
{
	const json_t *sws = json_object_get(model, "logical_switches"), *sw, *ch;
	struct refs_batch r = { .member = "name" };
	struct name_batch b = { member_at, item_at, count_found, &r };
	struct name_index idx;
	size_t i, total = 0;

	json_array_foreach(sws, i, sw)
		total += json_array_size(json_object_get(sw, "ports"));
	name_index_init(&idx);
	if (name_index_reserve(&idx, total) < 0)
		return 0;
	json_array_foreach(sws, i, sw) {
		r.items = json_object_get(sw, "ports");
		name_index_claim_batch(&idx, json_array_size(r.items), &b);
	}
	r.member = "port";
	r.found = 0;
	json_array_foreach(json_object_get(model, "chassis"), i, ch) {
		r.items = json_object_get(ch, "vifs");
		name_index_get_batch(&idx, json_array_size(r.items), &b);
	}
	name_index_free(&idx);
	return r.found;
}

/*
 * Times one floor walk as phase.  Its result goes to stderr only when
 * impossible (nothing walked or found), so it cannot be optimized out.
 */
static void time_floor(const json_t *model, size_t ports, unsigned rep, const char *phase,
		       size_t (*walk)(const json_t *))
{
	double t0 = now_ns();
	size_t n = walk(model);

	row(ports, phase, rep, now_ns() - t0);
	if (n == 0)
		fprintf(stderr, "bench: %s: nothing walked or found\n", phase);
}

struct step {
	struct bd *dp;
	const char *path;
	size_t ports;
	unsigned rep;
};

/* The document read into the typed model and compiled for hv1, as xovnd does. */
static int compile_doc(const json_t *model, struct bd *dp, struct xovn_mapset *out, char *err,
		       size_t errlen)
{
	struct xovn_model *typed = xovn_model_read(model);
	int rc;

	if (!typed) {
		snprintf(err, errlen, "out of memory reading the model");
		return -1;
	}
	rc = xovn_compile(typed, "hv1", bd_resolve, dp, out, err, errlen);
	xovn_model_free(typed);
	return rc;
}

/* Times compile, diff and write of one change against what the maps hold. */
static int time_change(struct step *s, json_t *model, const struct xovn_mapset *applied,
		       struct xovn_mapset *next)
{
	struct xovn_mapset up, del;
	char err[512] = "";
	double t0 = now_ns();
	int rc;

	change_one_port(model, s->rep);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	rc = compile_doc(model, s->dp, next, err, sizeof(err));
	if (!rc)
		rc = xovn_slots_assign(applied, next);
	if (!rc)
		rc = xovn_mapset_diff(applied, next, &up, &del);
	if (!rc)
		rc = xovn_map_apply(s->dp->map_fds, &up, &del, err, sizeof(err));
	row(s->ports, "change", s->rep, now_ns() - t0);
	if (!rc && (up.n == 0 || up.n + del.n > 8)) {
		fprintf(stderr, "bench: a one-port change wrote %zu entries\n", up.n + del.n);
		rc = -1;
	}
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
	if (rc)
		fprintf(stderr, "bench: change: %s\n", err);
	return rc;
}

/* One repetition: load, validate, compile, apply to empty maps, one change, clear. */
static int one_rep(struct step *s)
{
	struct xovn_mapset set, next, none;
	struct xovn_model *typed = NULL;
	struct xovn_errors errs;
	char err[512] = "";
	json_t *model;
	double t0;
	int rc = -1;

	xovn_errors_init(&errs);
	xovn_mapset_init(&set);
	xovn_mapset_init(&next);
	xovn_mapset_init(&none);
	t0 = now_ns();
	model = xovn_model_load(s->path, 0, &errs);
	row(s->ports, "load", s->rep, now_ns() - t0);
	if (!model)
		goto out;
	time_floor(model, s->ports, s->rep, "floor", walk_value);
	time_floor(model, s->ports, s->rep, "floor_refs", refs_walk);
	time_floor(model, s->ports, s->rep, "floor_refs_batch", refs_walk_batch);
	t0 = now_ns();
	if (xovn_model_validate_typed(model, &errs, NULL, &typed))
		goto out;
	row(s->ports, "validate", s->rep, now_ns() - t0);
	t0 = now_ns();
	if (xovn_compile(typed, "hv1", bd_resolve, s->dp, &set, err, sizeof(err)) ||
	    xovn_slots_assign(&none, &set))
		goto out;
	/* The reading is freed inside the phase: compiling a document includes releasing it. */
	xovn_model_free(typed);
	typed = NULL;
	row(s->ports, "compile", s->rep, now_ns() - t0);
	t0 = now_ns();
	if (xovn_map_apply(s->dp->map_fds, &set, NULL, err, sizeof(err)))
		goto out;
	row(s->ports, "apply", s->rep, now_ns() - t0);
	if (s->rep == 0)
		memory_rows(s->dp, &set, s->ports);
	if (time_change(s, model, &set, &next))
		goto out;
	/* Empty the maps again for the next repetition. */
	rc = xovn_map_apply(s->dp->map_fds, &none, &next, err, sizeof(err));
out:
	if (rc) {
		xovn_errors_print(&errs, "bench: model: ", stderr);
		fprintf(stderr, "bench: %zu ports: %s\n", s->ports, err);
	}
	xovn_model_free(typed);
	json_decref(model);
	xovn_errors_free(&errs);
	xovn_mapset_free(&set);
	xovn_mapset_free(&next);
	return rc;
}

static int write_model(size_t ports, const char *path)
{
	json_t *m = bm_model(ports);
	int rc = m && json_dump_file(m, path, JSON_INDENT(2)) == 0 ? 0 : -1;

	json_decref(m);
	if (rc)
		fprintf(stderr, "bench: cannot write %s\n", path);
	return rc;
}

/*
 * Every repetition measures every size, one after the other, starting
 * from a different size each time: a slow phase of the shared machine
 * spreads over all sizes instead of landing on one, so the growth ratios
 * compare like with like.
 */
static int run_sizes(struct bd *dp, const size_t *sizes, size_t n, unsigned reps)
{
	char paths[MAX_SIZES][32];
	size_t i, made = 0;
	int rc = 0;

	for (i = 0; i < n && !rc; i++, made++) {
		int fd;

		snprintf(paths[i], sizeof(paths[i]), "/tmp/xovn-bench-cp.XXXXXX");
		fd = mkstemp(paths[i]);
		if (fd < 0) {
			rc = -1;
			break;
		}
		close(fd);
		rc = write_model(sizes[i], paths[i]);
	}
	for (unsigned r = 0; !rc && r < reps; r++) {
		for (i = 0; !rc && i < n; i++) {
			size_t k = (i + r) % n;
			struct step s = { .dp = dp, .path = paths[k], .ports = sizes[k], .rep = r };

			rc = one_rep(&s);
		}
	}
	for (i = 0; i < made; i++)
		unlink(paths[i]);
	return rc;
}

int main(int argc, char **argv)
{
	size_t sizes[MAX_SIZES] = { BM_FIXED_PORTS }, n_sizes = 1, i;
	unsigned reps = 5;
	struct bd dp;
	char *tok, *save = NULL;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* The heap xovnd and xovnctl run with, so the phases cost what they cost there. */
	xovn_heap_use_huge_pages();
	if (argc == 4 && !strcmp(argv[1], "--write-model"))
		return write_model((size_t)atol(argv[2]), argv[3]) ? 1 : 0;
	for (i = 1; i + 1 < (size_t)argc; i += 2) {
		if (!strcmp(argv[i], "--reps")) {
			reps = (unsigned)atoi(argv[i + 1]);
		} else if (!strcmp(argv[i], "--sizes")) {
			for (n_sizes = 0, tok = strtok_r(argv[i + 1], ",", &save);
			     tok && n_sizes < MAX_SIZES; tok = strtok_r(NULL, ",", &save))
				sizes[n_sizes++] = (size_t)atol(tok);
		} else {
			fprintf(stderr, "usage: bench_ctlplane [--sizes N,N...] [--reps N] | "
					"--write-model PORTS FILE\n");
			return 1;
		}
	}
	if (bd_open(&dp, NULL, 0))
		return 1;
	for (i = 0; i < n_sizes; i++)
		if (sizes[i] < BM_FIXED_PORTS)
			sizes[i] = BM_FIXED_PORTS;
	if (run_sizes(&dp, sizes, n_sizes, reps))
		return 1;
	bd_close(&dp);
	return 0;
}
