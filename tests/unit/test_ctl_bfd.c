/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * test_ctl_bfd.c - xovnctl bfd-show and the "bfd" part of stats, reading a
 * real pinned session record (bfd/status.h) written as xovnd writes it
 * (the stats verb also needs the datapath's pins: tests/e2e/test_bfd.sh).
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bfd/status.h"
#include "ctl_harness.h"

static char pin_dir[128];

static void setup(void)
{
	ctl_fixture_init_sample();
	snprintf(pin_dir, sizeof(pin_dir), "/sys/fs/bpf/xovn-unit-bfd-%d", (int)getpid());
	cr_assert_eq(mkdir(pin_dir, 0700), 0, "bpffs at /sys/fs/bpf is needed");
}

static void teardown(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", pin_dir, BFD_STATUS_PIN);
	unlink(path);
	rmdir(pin_dir);
	ctl_fixture_fini();
}

/* Two sessions: gw2 Up, gw1 down after a detection timeout. */
static void record_sessions(void)
{
	static const struct bfd_config cfg = { .min_tx_ms = 200, .min_rx_ms = 200, .mult = 3 };
	int fd = bfd_status_open(pin_dir, 1);
	struct bfd_session up, down;
	struct bfd_status st;

	cr_assert_geq(fd, 0);
	bfd_session_init(&up, &cfg, 1, 1, 0);
	up.state = up.remote_state = BFD_UP;
	bfd_status_of(&up, htonl(0xc0000202), &st);
	cr_assert_eq(bfd_status_put(fd, "gw2", &st), 0);
	bfd_session_init(&down, &cfg, 2, 1, 0);
	down.ever_up = 1;
	down.flaps = 4;
	down.local_diag = BFD_DIAG_DETECT_EXPIRED;
	bfd_status_of(&down, htonl(0xc0000201), &st);
	cr_assert_eq(bfd_status_put(fd, "gw1", &st), 0);
	close(fd);
}

TestSuite(ctl_bfd, .init = setup, .fini = teardown);

Test(ctl_bfd, show_json_lists_sessions_by_chassis)
{
	char *out;
	json_t *j;

	record_sessions();
	out = ctl_capture_v(CTL_ARGV("bfd-show", "--chassis", "hv1", "--pin-dir", pin_dir, "--json"));
	j = json_loads(out, 0, NULL);
	cr_assert_not_null(j, "%s", out);
	cr_assert_eq(json_array_size(j), 2);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(j, 0), "chassis")), "gw1");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(j, 0), "state")), "down");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(j, 0), "liveness")), "down");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(j, 0), "diag")),
			 "control-detection-time-expired");
	cr_assert_eq(json_integer_value(json_object_get(json_array_get(j, 0), "flaps")), 4);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(j, 1), "remote_ip")),
			 "192.0.2.2");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(j, 1), "liveness")), "up");
	json_decref(j);
	free(out);
}

Test(ctl_bfd, show_text_names_the_diagnostic)
{
	char *out;

	record_sessions();
	out = ctl_capture_v(CTL_ARGV("bfd-show", "--chassis", "hv1", "--pin-dir", pin_dir));
	cr_assert(strstr(out, "gw1") && strstr(out, "control-detection-time-expired"), "%s", out);
	free(out);
}

Test(ctl_bfd, without_a_record_it_says_so)
{
	CTL_FAIL("no BFD record", "bfd-show", "--chassis", "hv1", "--pin-dir", pin_dir);
	CTL_FAIL("unexpected argument", "bfd-show", "--chassis", "hv1", "gw1");
	CTL_FAIL("unknown option", "bfd-show", "--chasis", "hv1");
	CTL_FAIL("no chassis named", "bfd-show", "--chassis", "nope");
}
