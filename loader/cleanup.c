// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * cleanup.c - detach first, unpin second: while a filter still runs a
 * program its maps stay alive anyway, so the order only matters for not
 * leaving programs behind when the record is gone.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attach_state.h"
#include "cleanup.h"
#include "route_exchange.h"
#include "log.h"
#include "tc.h"
#include "underlay_xdp.h"

static int detach_recorded(const char *pin_dir)
{
	struct attach_record *recs;
	size_t n;
	int fd = attach_state_open(pin_dir, 0), failures = 0;

	if (fd < 0)
		return 0; /* nothing was ever attached from this pin dir */
	if (attach_state_list(fd, &recs, &n) < 0) {
		log_info("cannot read the attachment record: %s", strerror(errno));
		close(fd);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		int ifindex = (int)if_nametoindex(recs[i].ifname);

		if (ifindex == 0 || (uint32_t)ifindex != recs[i].ifindex)
			continue; /* gone, or a different interface now has the name */
		if (recs[i].role == XOVN_ATTACH_UNDERLAY &&
		    underlay_xdp_detach(ifindex, recs[i].ifname) < 0)
			failures++;
		if (tc_detach(ifindex, (int)recs[i].role, (int)recs[i].created_hook) < 0) {
			log_info("cannot detach from %s: %s", recs[i].ifname, strerror(errno));
			failures++;
			continue;
		}
		log_info("detached from %s", recs[i].ifname);
	}
	free(recs);
	close(fd);
	return failures ? 1 : 0;
}

static int remove_pins(const char *pin_dir)
{
	DIR *d = opendir(pin_dir);
	struct dirent *de;
	char path[PATH_MAX];
	int failures = 0;

	if (!d)
		return errno == ENOENT ? 0 : 1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", pin_dir, de->d_name);
		if (unlink(path) < 0) {
			log_info("cannot remove %s: %s", path, strerror(errno));
			failures++;
		}
	}
	closedir(d);
	if (rmdir(pin_dir) < 0) {
		log_info("cannot remove %s: %s", pin_dir, strerror(errno));
		failures++;
	}
	return failures ? 1 : 0;
}

int cleanup_run(const char *pin_dir)
{
	int rc = detach_recorded(pin_dir);

	rc |= remove_pins(pin_dir);
	/* The advertised routes go with the datapath: nothing routes to them any more. */
	if (route_exchange_flush() < 0)
		log_info("cannot remove the advertised routes from the routing tables");
	if (rc == 0)
		log_info("datapath removed (%s)", pin_dir);
	return rc;
}
