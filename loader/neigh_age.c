// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * neigh_age.c - xovnd's turns at aging what the datapath learns itself:
 * the neighbours routers learned (lib/dataplane/mac_binding_age.h) and
 * NAT's connections (lib/dataplane/nat_age.h), every few seconds from the
 * main loop.
 */
#include <time.h>

#include "chassis.h"
#include "dataplane/mac_binding_age.h"
#include "dataplane/nat_age.h"
#include "log.h"
#include "neigh_age.h"

/* Thresholds are seconds or more; a few seconds late is within OVN's own slack. */
#define AGE_EVERY_NS (5ull * 1000000000ull)

uint64_t age_monotonic_ns(void)
{
	struct timespec ts;

	/* The clock bpf_ktime_get_ns stamps the bindings with. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void neigh_age_run(struct chassis *c, uint64_t *last_ns)
{
	struct xovn_age_rules rules;
	uint64_t now = age_monotonic_ns();
	int n;

	if (now - *last_ns < AGE_EVERY_NS)
		return;
	*last_ns = now;
	if (xovn_age_rules_from_model(chassis_typed(c), &rules) < 0) {
		log_info("out of memory aging learned neighbours");
		return;
	}
	n = xovn_mac_binding_age(c->dp.map_fds[XOVN_MAP_MAC_BINDING], &rules, now);
	if (n > 0)
		log_debug("forgot %d learned neighbour%s past their router's "
			  "mac_binding_age_threshold", n, n == 1 ? "" : "s");
	else if (n < 0)
		log_info("cannot read xovn_mac_binding to age learned neighbours");
	xovn_age_rules_free(&rules);
}

void nat_age_run(struct chassis *c, const struct xovn_nat_timeouts *t, uint64_t *last_ns)
{
	uint64_t now = age_monotonic_ns();
	int n;

	if (now - *last_ns < AGE_EVERY_NS)
		return;
	*last_ns = now;
	n = xovn_nat_age(c->dp.map_fds[XOVN_MAP_NAT_CT], t, now);
	if (n > 0)
		log_debug("removed %d idle NAT connection entr%s", n, n == 1 ? "y" : "ies");
	else if (n < 0)
		log_info("cannot read xovn_nat_ct to age NAT connections");
}
