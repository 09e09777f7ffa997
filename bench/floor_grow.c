// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * floor_grow.c - loads bench/floor_grow.bpf.c with every map taken from a
 * loaded datapath (bpf_map__reuse_fd), so its lookups meet the entries the
 * compiler wrote for that model size, and the constants its keys need
 * from the bench model (model_gen.h).
 */
#include <stdio.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "floor_grow.h"
#include "floor_grow.skel.h"
#include "model_gen.h"
#include "netns.h"
#include "scenarios.h"
#include "xovn.skel.h"

/* Each program, the scenario whose frame and interface it runs on, repeatable or not. */
static const struct {
	const char *name;
	const char *scenario;
	int repeatable;
} grow_paths[BFG_N] = {
	{ "grow_ingress", "routed_unicast", 1 },
	{ "grow_fdb_in", "routed_unicast", 1 },
	{ "grow_route", "routed_unicast", 1 },
	{ "grow_neigh", "routed_unicast", 1 },
	{ "grow_fdb_out", "routed_unicast", 1 },
	{ "grow_unicast", "unicast", 1 },
	{ "grow_routed", "routed_unicast", 0 },
};

static int share_maps(struct floor_grow *s, const struct bd *dp)
{
	struct bpf_map *m;

	bpf_object__for_each_map(m, s->obj) {
		const struct bpf_map *theirs;

		if (bpf_map__is_internal(m))
			continue;
		theirs = bpf_object__find_map_by_name(dp->skel->obj, bpf_map__name(m));
		bpf_map__set_pin_path(m, NULL);
		if (!theirs || bpf_map__reuse_fd(m, bpf_map__fd(theirs))) {
			fprintf(stderr, "bench: floor_grow: map %s not shared\n", bpf_map__name(m));
			return -1;
		}
	}
	return 0;
}

static int set_path(struct bfl_path *p, const struct bd_iface *ifaces, struct floor_grow *s,
		    size_t i)
{
	const struct bs_scenario *sc = NULL;
	struct bpf_program *prog = bpf_object__find_program_by_name(s->obj, grow_paths[i].name);

	for (size_t j = 0; j < bs_n_scenarios && !sc; j++)
		if (!strcmp(bs_scenarios[j].name, grow_paths[i].scenario))
			sc = &bs_scenarios[j];
	if (!sc || !prog)
		return -1;
	p->name = grow_paths[i].name;
	p->repeatable = grow_paths[i].repeatable;
	p->in = (struct bt_input){
		.prog_fd = bpf_program__fd(prog),
		.ingress_ifindex = bn_ifindex(ifaces, sc->in_iface),
		.frame = p->frame,
		.len = sc->build(p->frame),
	};
	return 0;
}

int bfg_open(struct bfg *g, const struct bd *dp, const struct bd_iface *ifaces)
{
	struct floor_grow *s = floor_grow__open();
	uint8_t mac[6];

	g->skel = s;
	if (!s || share_maps(s, dp))
		return -1;
	s->rodata->target_ifindex = bn_ifindex(ifaces, "bv1");
	s->rodata->dp_in = BM_VNI_BENCH3;
	s->rodata->dp_out = BM_VNI_BENCH4;
	s->rodata->rtr_key = BM_RT_KEY;
	bm_mac(BM_VNI_BENCH4, BM_D0, mac);
	memcpy((void *)s->rodata->nh_mac, mac, sizeof(mac));
	if (floor_grow__load(s)) {
		fprintf(stderr, "bench: floor_grow programs do not load\n");
		return -1;
	}
	for (size_t i = 0; i < BFG_N; i++)
		if (set_path(&g->paths[i], ifaces, s, i))
			return -1;
	return 0;
}

void bfg_close(struct bfg *g)
{
	floor_grow__destroy(g->skel);
	g->skel = NULL;
}
