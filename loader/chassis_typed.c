// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * chassis_typed.c - the typed form of the model in force (c->active), which
 * the compiler reads.
 *
 * Read once per model and kept with the compile state that borrows from
 * it; its strings borrow from c->active, so it goes whenever c->active is
 * replaced.  A change of switches alone is followed in place
 * (model/follow.h): the other typed objects stay where they are, and with
 * them the compile state.  Chassis that BFD sees down are marked "down"
 * in it as it is read (bfd.h), so the compiler treats them as the model's
 * own "down".
 */
#include "chassis.h"
#include "log.h"

/* typed (c->active read, or NULL when out of memory) becomes c->typed. */
static void adopt(struct chassis *c, struct xovn_model *typed)
{
	c->typed = typed;
	if (!c->typed)
		log_info("out of memory reading the model");
	else if (c->learned && xovn_learned_merge(c->typed, c->learned) < 0)
		log_info("out of memory adding the learned routes; compiling without some");
	bfd_override(c->bfd, c->typed);
	c->typed_reads++;
}

const struct xovn_model *chassis_typed(struct chassis *c)
{
	if (!c->typed && c->active)
		adopt(c, xovn_model_read(c->active));
	return c->typed;
}

void chassis_typed_take(struct chassis *c, struct xovn_model *typed)
{
	if (c->typed || !c->active) {
		xovn_model_free(typed);
		return;
	}
	adopt(c, typed);
}

void chassis_forget_typed(struct chassis *c)
{
	/* The state borrows from the typed model: it goes first. */
	chassis_compile_unindex(c);
	xovn_model_free(c->typed);
	c->typed = NULL;
}

int chassis_typed_follow(struct chassis *c, const struct xovn_delta_effect *eff,
			 struct xovn_switch_change *chg)
{
	if (!c->typed)
		return -1;
	return xovn_model_follow_switches(c->typed, c->active, eff->new_switches, chg);
}
