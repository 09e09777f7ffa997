// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * chassis_compile.c - xovnd's calls into the compiler, all of them: the
 * whole compile, the compile of the switches a change touched, and the
 * indexes that let the latter skip everything else.  The compiler reads
 * the typed model of c->active (chassis_typed.c).
 */
#include <stdio.h>
#include <string.h>

#include "chassis.h"
#include "log.h"

/* Link events retry the same whole compile: say its refusal once, not every time. */
static int compile_whole(struct chassis *c, struct iface_table *links,
			 struct xovn_compile_result *res)
{
	const struct xovn_model *typed = chassis_typed(c);
	char err[512] = "out of memory reading the model";

	if (!typed || xovn_compile_result(typed, c->opt->chassis, iface_resolve, links, res, err,
					  sizeof(err)) < 0) {
		if (strcmp(err, c->last_refusal) != 0)
			log_info("refusing generation %lld: %s", chassis_generation(c), err);
		snprintf(c->last_refusal, sizeof(c->last_refusal), "%s", err);
		return -1;
	}
	c->last_refusal[0] = '\0';
	return 0;
}

static int compile_switches(struct chassis *c, const struct xovn_switch_change *chg,
			    struct iface_table *links, struct xovn_compile_result *res)
{
	char err[512];

	if (xovn_compile_switches(c->cstate, c->typed, iface_resolve, links,
				  (const struct xovn_ls *const *)chg->old, chg->n_old, chg->cur,
				  chg->n_cur, &c->rec.applied, res, err, sizeof(err)) < 0) {
		log_info("refusing generation %lld: %s", chassis_generation(c), err);
		return -1;
	}
	return 0;
}

int chassis_compile(struct chassis *c, const struct xovn_switch_change *chg,
		    struct iface_table *links, struct xovn_compile_result *res)
{
	return chg ? compile_switches(c, chg, links, res) : compile_whole(c, links, res);
}

int chassis_compile_covers(const struct chassis *c, const struct xovn_switch_change *chg)
{
	return c->cstate &&
	       xovn_compile_state_covers(c->cstate, (const struct xovn_ls *const *)chg->old,
					 chg->n_old, chg->cur, chg->n_cur);
}

/* Indexes for the journal's incremental compiles; without them xovnd compiles everything. */
void chassis_compile_index(struct chassis *c)
{
	const struct xovn_model *typed = chassis_typed(c);
	char err[256] = "out of memory reading the model";

	if (c->cstate)
		return;
	if (typed)
		c->cstate = xovn_compile_state_new(typed, c->opt->chassis, err, sizeof(err));
	if (!c->cstate)
		log_debug("no incremental compiles for now: %s", err);
}

void chassis_compile_unindex(struct chassis *c)
{
	xovn_compile_state_free(c->cstate);
	c->cstate = NULL;
}
