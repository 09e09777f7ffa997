// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * chassis_active.c - the part of the model in force that is complete.
 *
 * c->model is the db as stored; c->active is what the compiler, the
 * attachments and the remote/MTU upkeep read: the same document when
 * nothing is incomplete, else a copy without the incomplete parts
 * (model/incomplete.h).  Keeping both lets a later change complete what
 * was missing: the stored model still has it.
 */
#include <string.h>

#include "chassis.h"
#include "log.h"
#include "model/facts.h"
#include "model/incomplete.h"

/* Says what is waiting, once per change of the list, not on every apply. */
static void log_inactive(struct chassis *c, const struct xovn_inactive_list *l)
{
	char line[512];
	FILE *f;

	for (size_t i = 0; i < l->n; i++) {
		f = fmemopen(line, sizeof(line), "w");
		if (!f)
			return;
		xovn_inactive_print(&(struct xovn_inactive_list){ &l->v[i], 1, 1 }, "", f);
		fclose(f);
		line[strcspn(line, "\n")] = '\0';
		log_info("generation %lld: %s", chassis_generation(c), line);
	}
}

int chassis_set_active(struct chassis *c)
{
	return chassis_set_active_read(c, NULL, NULL);
}

int chassis_set_active_read(struct chassis *c, const struct xovn_inactive_list *listed,
			    struct xovn_model *typed)
{
	struct xovn_inactive_list l;
	json_t *active;

	xovn_inactive_init(&l);
	if (!listed) {
		xovn_model_incomplete(c->model, &l);
		listed = &l;
	}
	active = xovn_model_active(c->model, listed);
	if (!active) {
		xovn_inactive_free(&l);
		xovn_model_free(typed);
		log_info("out of memory setting the incomplete configuration aside");
		return -1;
	}
	log_inactive(c, listed);
	/* The typed model borrows from the document it was read from. */
	if (active != c->active)
		chassis_forget_typed(c);
	json_decref(c->active);
	c->active = active;
	c->n_inactive = listed->n;
	c->has_containers = xovn_model_has_container_ports(c->model);
	xovn_inactive_free(&l);
	/* A reading of c->model is one of c->active only when nothing was set aside. */
	if (typed && active == c->model)
		chassis_typed_take(c, typed);
	else
		xovn_model_free(typed);
	return 0;
}

/*
 * Could the switches a journal chain changed make something (in)complete?
 * Ports whose completeness depends on other rows, and the removal of a
 * port that may be a container's parent in another switch.
 */
int chassis_delta_may_deactivate(const struct chassis *c, const struct xovn_delta_effect *eff)
{
	if (c->n_inactive)
		return 1;
	if (c->has_containers && json_array_size(eff->old_switches))
		return 1;
	return xovn_switches_may_deactivate(eff->new_switches);
}
