// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* datapath.c - loading xovn with private maps and keeping them equal to a model. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "../loader/remote_hops.h"
#include "compile/compile.h"
#include "datapath.h"
#include "dataplane/map_apply.h"
#include "model_gen.h"
#include "dataplane/slots.h"
#include "dataplane/skel_maps.h"

static int bd_libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

int bd_open(struct bd *d, const struct bd_iface *ifaces, size_t n_ifaces)
{
	struct bpf_map *maps[XOVN_MAP__ALL], *map;
	int i;

	memset(d, 0, sizeof(*d));
	xovn_mapset_init(&d->applied);
	d->ifaces = ifaces;
	d->n_ifaces = n_ifaces;
	libbpf_set_print(bd_libbpf_print);
	d->skel = xovn__open();
	if (!d->skel) {
		fprintf(stderr, "bench: cannot open the xovn BPF object\n");
		return -1;
	}
	bpf_object__for_each_map(map, d->skel->obj)
		bpf_map__set_pin_path(map, NULL);
	if (xovn__load(d->skel)) {
		fprintf(stderr, "bench: the verifier rejected the datapath\n");
		return -1;
	}
	xovn_skel_maps(d->skel, maps);
	for (i = 0; i < XOVN_MAP__COUNT; i++)
		d->map_fds[i] = bpf_map__fd(maps[i]);
	d->drops_fd = bpf_map__fd(maps[XOVN_MAP_DROPS]);
	d->trace_fd = bpf_map__fd(maps[XOVN_MAP_TRACE]);
	d->ncpus = libbpf_num_possible_cpus();
	return d->drops_fd < 0 || d->trace_fd < 0 || d->ncpus <= 0 ? -1 : 0;
}

void bd_close(struct bd *d)
{
	xovn__destroy(d->skel);
	xovn_mapset_free(&d->applied);
	d->skel = NULL;
}

int bd_resolve(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	const struct bd *d = arg;
	unsigned long n;
	char *end;
	size_t i;

	for (i = 0; i < d->n_ifaces; i++) {
		if (strcmp(d->ifaces[i].name, ifname) == 0) {
			info->ifindex = d->ifaces[i].ifindex;
			info->mtu = d->ifaces[i].mtu;
			info->is_veth = d->ifaces[i].is_veth;
			return 0;
		}
	}
	if (ifname[0] != 'f')
		return -1;
	n = strtoul(ifname + 1, &end, 10);
	if (*end || end == ifname + 1)
		return -1;
	info->ifindex = BM_FILLER_IFINDEX_BASE + (uint32_t)n;
	info->mtu = 1500;
	info->is_veth = 1;
	return 0;
}

/* The next hops xovnd keeps toward the other chassis, read from the bench's underlay. */
static void bd_fill_hops(struct bd *d, const struct xovn_host_facts *f)
{
	struct xovn_config cfg;

	if (xovn_mapset_config(&d->applied, &cfg) == 0)
		remote_hops_refresh(bpf_map__fd(d->skel->maps.xovn_remote_hops),
				    cfg.underlay_ifindex, cfg.encap_ip, f->remote_ips,
				    f->n_remote_ips);
}

int bd_apply_model(struct bd *d, const json_t *model)
{
	struct xovn_model *typed = xovn_model_read(model);
	struct xovn_compile_result res;
	struct xovn_mapset next, up, del;
	char err[512] = "out of memory reading the model";
	int rc;

	xovn_mapset_init(&next);
	xovn_mapset_init(&up);
	xovn_mapset_init(&del);
	xovn_compile_result_init(&res);
	rc = typed ? xovn_compile_result(typed, "hv1", bd_resolve, d, &res, err, sizeof(err)) : -1;
	xovn_model_free(typed);
	if (rc == 0) {
		next = res.entries;
		xovn_mapset_init(&res.entries);
	}
	if (rc == 0)
		rc = xovn_slots_assign(&d->applied, &next);
	if (rc == 0)
		rc = xovn_mapset_diff(&d->applied, &next, &up, &del);
	if (rc == 0)
		rc = xovn_map_apply(d->map_fds, &up, &del, err, sizeof(err));
	xovn_mapset_free(&up);
	xovn_mapset_free(&del);
	if (rc) {
		fprintf(stderr, "bench: applying the model failed: %s\n", err);
		xovn_mapset_free(&next);
		xovn_compile_result_free(&res);
		return -1;
	}
	xovn_mapset_free(&d->applied);
	d->applied = next;
	bd_fill_hops(d, &res.facts);
	xovn_compile_result_free(&res);
	return 0;
}

uint64_t bd_drops(struct bd *d, enum xovn_drop_reason reason)
{
	struct xovn_drop_count *per_cpu = calloc(d->ncpus, sizeof(*per_cpu));
	uint32_t key = reason;
	uint64_t sum = 0;
	int i;

	if (per_cpu && bpf_map_lookup_elem(d->drops_fd, &key, per_cpu) == 0)
		for (i = 0; i < d->ncpus; i++)
			sum += per_cpu[i].packets;
	free(per_cpu);
	return sum;
}

int bd_vif_fd(struct bd *d)
{
	return bpf_program__fd(d->skel->progs.xovn_vif_ingress);
}

int bd_underlay_fd(struct bd *d)
{
	return bpf_program__fd(d->skel->progs.xovn_underlay_ingress);
}

/* The trace slot is per CPU: the caller must stay on one CPU (see bench_pin_cpu). */
int bd_trace(struct bd *d, int underlay, uint32_t ifindex, const void *frame, size_t len,
	     struct xovn_trace *out)
{
	struct xovn_trace *per_cpu = calloc(d->ncpus, sizeof(*per_cpu));
	struct __sk_buff ctx = { .ingress_ifindex = ifindex };
	uint8_t buf[2048];
	uint32_t zero = 0;
	int prog = bpf_program__fd(underlay ? d->skel->progs.xovn_underlay_trace
					    : d->skel->progs.xovn_vif_trace);
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame, .data_size_in = len,
		    .data_out = buf, .data_size_out = sizeof(buf),
		    .ctx_in = &ctx, .ctx_size_in = sizeof(ctx), .repeat = 1);
	int rc = -1;

	if (per_cpu && bpf_prog_test_run_opts(prog, &opts) == 0 &&
	    bpf_map_lookup_elem(d->trace_fd, &zero, per_cpu) == 0) {
		*out = per_cpu[0];
		rc = 0;
	}
	free(per_cpu);
	return rc;
}

int bd_run_live(struct bd *d, int underlay, uint32_t ifindex, const void *frame, size_t len)
{
	struct __sk_buff ctx = { .ingress_ifindex = ifindex };
	uint8_t buf[2048];
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = frame, .data_size_in = len,
		    .data_out = buf, .data_size_out = sizeof(buf),
		    .ctx_in = &ctx, .ctx_size_in = sizeof(ctx), .repeat = 1);

	if (bpf_prog_test_run_opts(underlay ? bd_underlay_fd(d) : bd_vif_fd(d), &opts))
		return -1;
	return (int)opts.retval;
}

size_t bd_nat_entries(struct bd *d)
{
	int fd = bpf_map__fd(d->skel->maps.xovn_nat_ct);
	struct xovn_nat_ct_key k, next;
	size_t n = 0;

	for (; bpf_map_get_next_key(fd, n ? &k : NULL, &next) == 0; n++)
		k = next;
	return n;
}

/* Deleting while walking would restart the walk: take the first key each time. */
int bd_nat_clear(struct bd *d)
{
	int fd = bpf_map__fd(d->skel->maps.xovn_nat_ct);
	struct xovn_nat_ct_key k;

	while (bpf_map_get_next_key(fd, NULL, &k) == 0)
		if (bpf_map_delete_elem(fd, &k))
			return -1;
	return 0;
}
