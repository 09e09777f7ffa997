/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_wait.c - --wait=hv reads the generation a chassis' maps hold
 * from its pinned xovn_config map: it waits (bounded by --timeout) while
 * the map holds an older generation, returns once it holds the one
 * written, and does not wait for a chassis without pins.
 */
#include <bpf/bpf.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl_harness.h"
#include "xovn_maps.h"

static char root[256], dir[300], pin[340];
static int map_fd = -1;

static void setup(void)
{
	ctl_fixture_init();
	snprintf(root, sizeof(root), "/sys/fs/bpf/xovn-unit-wait-%d", getpid());
	snprintf(dir, sizeof(dir), "%s/hv1", root);
	snprintf(pin, sizeof(pin), "%s/xovn_config", dir);
	cr_assert_eq(mkdir(root, 0700), 0, "mkdir %s", root);
	cr_assert_eq(mkdir(dir, 0700), 0);
	map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "xovn_config", 4,
				sizeof(struct xovn_config), 1, NULL);
	cr_assert_geq(map_fd, 0, "cannot create a map");
	cr_assert_eq(bpf_obj_pin(map_fd, pin), 0);
	setenv("XOVN_PIN_ROOT", root, 1);
}

static void teardown(void)
{
	unlink(pin);
	rmdir(dir);
	rmdir(root);
	if (map_fd >= 0)
		close(map_fd);
	ctl_fixture_fini();
}

TestSuite(ctl_wait, .init = setup, .fini = teardown);

static void hold(unsigned generation)
{
	struct xovn_config cfg = { .generation = generation };
	unsigned zero = 0;

	cr_assert_eq(bpf_map_update_elem(map_fd, &zero, &cfg, BPF_ANY), 0);
}

Test(ctl_wait, waits_for_the_generation_written)
{
	struct ctl_result r;

	CTL_OK("chassis-add", "hv1", "geneve", "192.0.2.1", "--", "chassis-add", "hv2",
	       "geneve", "192.0.2.2");   /* generation 1; hv2 has no pins: not waited for */
	hold(1);
	CTL_OK("--wait=hv", "sync");
	ctl_runv(&r, ctl_db, CTL_ARGV("--wait=hv", "--timeout=1", "ls-add", "sw0"));
	cr_assert_eq(r.status, 1, "returned before hv1 held generation 2");
	cr_assert_not_null(strstr(r.err, "timed out after 1 s waiting for chassis hv1 to apply "
					 "generation 2 (it holds 1)"), "stderr: %s", r.err);
	ctl_result_free(&r);
	CTL_OUT("sw0\n", "ls-list");   /* the write itself is committed */
	hold(2);
	CTL_OK("--wait=hv", "--timeout=5", "sync");
	hold(3);   /* as if xovnd were already done with the next write */
	CTL_OK("--wait=sb", "-t", "5", "ls-add", "sw1");
}

Test(ctl_wait, no_wait_unless_asked)
{
	CTL_OK("chassis-add", "hv1", "geneve", "192.0.2.1");
	hold(0);
	CTL_OK("ls-add", "sw0");
	CTL_OK("--wait=none", "ls-add", "sw1");
	CTL_FAIL("--wait: unknown value", "--wait=later", "sync");
}

Test(ctl_wait, a_leading_separator_is_allowed)
{
	CTL_OK("--", "ls-add", "sw0");
	CTL_OUT("sw0\n", "--", "ls-list");
}
