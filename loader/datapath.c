// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * datapath.c - loading xovn.bpf.o with pinned maps: the skeleton creates
 * (or reuses) and pins the maps, then every program is verified on a
 * thread of its own (prog_load.c) while the caller goes on; the trace
 * programs are pinned for tooling.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "datapath.h"
#include "log.h"
#include "prog_load.h"
#include "dataplane/skel_maps.h"

/* Were the maps there before this load?  Decides whether to trust their contents. */
static int maps_already_pinned(const char *pin_dir)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", pin_dir, xovn_map_names[XOVN_MAP_PORTS]);
	return access(path, F_OK) == 0;
}

static void take_map_fds(struct datapath *dp)
{
	xovn_skel_maps(dp->skel, dp->maps);
	for (int i = 0; i < XOVN_MAP__ALL; i++)
		dp->map_fds[i] = bpf_map__fd(dp->maps[i]);
}

/*
 * Pins prog at DIR/<its name>, replacing an older pin without a moment where the
 * name is missing: pin under a temporary name, then rename over (bpffs
 * supports rename; it refuses names with a dot).
 */
static int pin_replace(struct bpf_program *prog, const char *pin_dir)
{
	const char *name = bpf_program__name(prog);
	char path[PATH_MAX], tmp[PATH_MAX];
	int err;

	snprintf(path, sizeof(path), "%s/%s", pin_dir, name);
	snprintf(tmp, sizeof(tmp), "%s/%s_new", pin_dir, name);
	unlink(tmp);
	err = bpf_program__pin(prog, tmp);
	if (err) {
		log_info("cannot pin %s: %s", tmp, strerror(-err));
		return -1;
	}
	if (rename(tmp, path) < 0) {
		log_info("cannot rename %s to %s: %s", tmp, path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int pin_trace_programs(struct datapath *dp, const char *pin_dir)
{
	struct bpf_program *vif = prog_load_find(&dp->progs, "xovn_vif_trace");
	struct bpf_program *underlay = prog_load_find(&dp->progs, "xovn_underlay_trace");

	if (!vif || !underlay || pin_replace(vif, pin_dir) < 0 || pin_replace(underlay, pin_dir) < 0)
		return -1;
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int prog_fd(const struct datapath *dp, const char *name)
{
	struct bpf_program *prog = prog_load_find(&dp->progs, name);

	return prog ? bpf_program__fd(prog) : -1;
}

int datapath_load_begin(struct datapath *dp, const char *pin_dir, int with_xdp)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .pin_root_path = pin_dir);
	/* The costliest first: the threads take them in this order. */
	const char *names[] = { "xovn_underlay_ingress", "xovn_underlay_trace", "xovn_vif_trace",
				"xovn_vif_ingress", with_xdp ? "xovn_underlay_xdp" : NULL, NULL };
	struct bpf_program *prog;
	const void *elf;
	size_t elf_size;
	int err;

	memset(dp, 0, sizeof(*dp));
	dp->t_begin = now_ms();
	dp->reused = maps_already_pinned(pin_dir);
	dp->skel = xovn__open_opts(&opts);
	if (!dp->skel) {
		log_info("cannot open the BPF object: %s", strerror(errno));
		return -1;
	}
	/* This load creates (or reuses) and pins the maps; the programs come after. */
	bpf_object__for_each_program(prog, dp->skel->obj)
		bpf_program__set_autoload(prog, false);
	err = xovn__load(dp->skel);
	if (err) {
		/* Also where an incompatible pinned map from another layout ends up. */
		log_info("cannot load the BPF object (pins in %s): %s", pin_dir, strerror(-err));
		datapath_close(dp);
		return -1;
	}
	take_map_fds(dp);
	elf = xovn__elf_bytes(&elf_size);
	if (prog_load_start(&dp->progs, elf, elf_size, pin_dir, names) < 0) {
		datapath_close(dp);
		return -1;
	}
	return 0;
}

int datapath_load_end(struct datapath *dp, const char *pin_dir)
{
	dp->t_wait = now_ms();
	if (prog_load_wait(&dp->progs) < 0) {
		datapath_close(dp);
		return -1;
	}
	/*
	 * Map creation (or reuse of the pins) and the verifier, until the last
	 * program was there; then how long the caller still waited for it.
	 */
	log_debug("phase bpf-load %.1f ms", prog_load_done_ms(&dp->progs) - dp->t_begin);
	log_debug("phase bpf-wait %.1f ms", now_ms() - dp->t_wait);
	if (pin_trace_programs(dp, pin_dir) < 0) {
		datapath_close(dp);
		return -1;
	}
	dp->vif_prog_fd = prog_fd(dp, "xovn_vif_ingress");
	dp->underlay_prog_fd = prog_fd(dp, "xovn_underlay_ingress");
	dp->underlay_xdp_prog_fd = prog_fd(dp, "xovn_underlay_xdp");
	log_debug("datapath loaded, maps %s in %s", dp->reused ? "reused" : "created", pin_dir);
	return 0;
}

int datapath_load(struct datapath *dp, const char *pin_dir, int with_xdp)
{
	if (datapath_load_begin(dp, pin_dir, with_xdp) < 0)
		return -1;
	return datapath_load_end(dp, pin_dir);
}

void datapath_close(struct datapath *dp)
{
	prog_load_free(&dp->progs);
	if (dp->skel)
		xovn__destroy(dp->skel);
	dp->skel = NULL;
}
