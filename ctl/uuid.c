/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * uuid.c - every row of a table gets a random (v4) _uuid the first time a
 * chain writes the model, and keeps it: records can then be named by it as
 * in OVSDB, and rows of files written before _uuid existed get theirs on
 * their next write.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "ctl.h"

int ctl_uuid_new(char out[37])
{
	uint8_t b[16];

	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b))
		return ctl_fail("cannot read random bytes for a UUID");
	b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);   /* version 4 */
	b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
		 b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
	return 0;
}

int ctl_ensure_uuid(json_t *row)
{
	char u[37];

	if (json_object_get(row, "_uuid"))
		return 0;
	if (ctl_uuid_new(u))
		return -1;
	return json_object_set_new(row, "_uuid", json_string(u)) ? ctl_fail("out of memory") : 0;
}

static int ensure_all(json_t *rows, const char *nested)
{
	json_t *row;
	size_t i;

	json_array_foreach(rows, i, row) {
		if (ctl_ensure_uuid(row))
			return -1;
		if (nested && ensure_all(json_object_get(row, nested), NULL))
			return -1;
	}
	return 0;
}

/* A router's static routes: the second nested table of a router. */
static int ensure_routes(json_t *routers)
{
	json_t *lr;
	size_t i;

	json_array_foreach(routers, i, lr)
		if (ensure_all(json_object_get(lr, "static_routes"), NULL))
			return -1;
	return 0;
}

int ctl_assign_uuids(json_t *model)
{
	if (ensure_all(json_object_get(model, "logical_switches"), "ports") ||
	    ensure_all(json_object_get(model, "ha_chassis_groups"), "members") ||
	    ensure_all(json_object_get(model, "chassis"), NULL) ||
	    ensure_all(json_object_get(model, "dhcp_options"), NULL) ||
	    ensure_all(json_object_get(model, "logical_routers"), "ports") ||
	    ensure_routes(json_object_get(model, "logical_routers")))
		return -1;
	return 0;
}
