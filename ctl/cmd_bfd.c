// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * cmd_bfd.c - BFD session states as xovnd records them (bfd/status.h), for
 * `xovnctl bfd-show` and the "bfd" part of `xovnctl stats`.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bfd/status.h"
#include "ctl.h"

static const char *const liveness_names[] = { "unknown", "up", "down" };

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void add_session(const char *chassis, const struct bfd_status *st, void *arg)
{
	struct in_addr ip = { .s_addr = st->remote_ip };
	uint64_t now = mono_ns();
	char addr[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &ip, addr, sizeof(addr));
	json_array_append_new(arg, json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:i, s:i, s:I, s:I, s:I, s:I, s:I, s:I}",
		"chassis", chassis, "remote_ip", addr,
		"state", bfd_state_name(st->state), "remote_state", bfd_state_name(st->remote_state),
		"diag", bfd_diag_name(st->diag), "remote_diag", bfd_diag_name(st->remote_diag),
		"liveness", st->liveness < 3 ? liveness_names[st->liveness] : "?",
		"tx_interval_ms", st->tx_interval_us / 1000.0, "detect_ms", st->detect_us / 1000.0,
		"mult", (int)st->mult, "remote_mult", (int)st->remote_mult,
		"local_discr", (json_int_t)st->local_discr,
		"remote_discr", (json_int_t)st->remote_discr, "flaps", (json_int_t)st->flaps,
		"rx_packets", (json_int_t)st->rx_packets, "tx_packets", (json_int_t)st->tx_packets,
		"since_ms", (json_int_t)(now > st->changed_ns ? (now - st->changed_ns) / 1000000 : 0)));
}

static int by_chassis(const void *a, const void *b)
{
	return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "chassis")),
		      json_string_value(json_object_get(*(json_t *const *)b, "chassis")));
}

json_t *ctl_bfd_sessions(const char *pin_dir)
{
	int fd = bfd_status_open(pin_dir, 0);
	json_t *list, **v;
	size_t n, i;

	if (fd < 0)
		return NULL;
	list = json_array();
	if (bfd_status_each(fd, add_session, list) < 0) {
		json_decref(list);
		list = NULL;
	}
	close(fd);
	n = json_array_size(list);
	v = n ? malloc(n * sizeof(*v)) : NULL;
	if (!v)
		return list;
	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(list, i));
	qsort(v, n, sizeof(*v), by_chassis);
	json_array_clear(list);
	for (i = 0; i < n; i++)
		json_array_append_new(list, v[i]);
	free(v);
	return list;
}

void ctl_bfd_print(FILE *out, const json_t *sessions)
{
	const json_t *s;
	size_t i;

	fprintf(out, "%-16s %-15s %-10s %-10s %-8s %-31s %9s %9s %6s\n", "CHASSIS", "REMOTE_IP",
		"STATE", "REMOTE", "LIVENESS", "DIAG", "TX_MS", "DETECT_MS", "FLAPS");
	json_array_foreach(sessions, i, s)
		fprintf(out, "%-16s %-15s %-10s %-10s %-8s %-31s %9.1f %9.1f %6lld\n",
			json_string_value(json_object_get(s, "chassis")),
			json_string_value(json_object_get(s, "remote_ip")),
			json_string_value(json_object_get(s, "state")),
			json_string_value(json_object_get(s, "remote_state")),
			json_string_value(json_object_get(s, "liveness")),
			json_string_value(json_object_get(s, "diag")),
			json_real_value(json_object_get(s, "tx_interval_ms")),
			json_real_value(json_object_get(s, "detect_ms")),
			(long long)json_integer_value(json_object_get(s, "flaps")));
}
