/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * wait.c - --wait=hv (and sb, and the sync command): return once every
 * chassis running xovnd holds the generation just written in its maps.
 *
 * xovnd writes the model generation it applied into its xovn_config map
 * (pinned under PIN_ROOT/CHASSIS) in the same map update as the rest of
 * that generation, so reading it back says the maps hold the change.  The
 * chassis that must answer are those of the model whose pin directory has
 * that map: a chassis without a running xovnd (never started, or cleaned
 * up) is not waited for.  PIN_ROOT is $XOVN_PIN_ROOT, else /sys/fs/bpf/xovn.
 */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "dataplane/counters.h"
#include "xovn_maps.h"

static const char *pin_root(void)
{
	const char *r = getenv("XOVN_PIN_ROOT");

	return r && *r ? r : XOVN_PIN_ROOT;
}

/* 1: applied, 0: not yet, -1: no xovnd for this chassis. */
static int applied(const char *chassis, uint32_t want, uint32_t *have)
{
	char dir[4096], err[512];
	struct xovn_config cfg;
	uint32_t zero = 0;
	int fd, rc = 0;

	if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", pin_root(), chassis) >= sizeof(dir))
		return -1;
	fd = xovn_pin_open(dir, xovn_map_names[XOVN_MAP_CONFIG], err, sizeof(err));
	if (fd < 0)
		return -1;
	if (bpf_map_lookup_elem(fd, &zero, &cfg) == 0) {
		*have = cfg.generation;
		rc = (int32_t)(cfg.generation - want) >= 0;
	}
	close(fd);
	return rc;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int ctl_wait_applied(const json_t *model, int timeout)
{
	uint32_t want = (uint32_t)json_integer_value(json_object_get(model, "generation"));
	double deadline = now() + timeout;
	json_t *ch;
	size_t i;

	json_array_foreach(json_object_get(model, "chassis"), i, ch) {
		const char *name = ctl_str(ch, "name");
		uint32_t have = 0;
		int r;

		while ((r = applied(name, want, &have)) == 0) {
			if (timeout > 0 && now() >= deadline)
				return ctl_fail("timed out after %d s waiting for chassis %s to apply "
						"generation %u (it holds %u)", timeout, name, want, have);
			usleep(20000);
		}
	}
	return 0;
}
