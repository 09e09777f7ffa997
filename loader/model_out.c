// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_out.c - writing the model in force to --model-out (see model_out.h).
 */
#include "log.h"
#include "model/facts.h"
#include "model/model.h"
#include "model_out.h"

void model_out_update(struct model_out *o, json_t *model)
{
	long long generation = xovn_model_generation(model);
	struct xovn_errors errs;

	if (!o->path || !o->path[0] || !model ||
	    (model == o->written && generation == o->generation))
		return;
	xovn_errors_init(&errs);
	if (xovn_model_save(o->path, model, &errs) == 0) {
		json_decref(o->written);
		o->written = json_incref(model);
		o->generation = generation;
		log_debug("model generation %lld written to %s", generation, o->path);
	} else {
		log_info("--model-out: %s", errs.n ? errs.v[0].msg : o->path);
	}
	xovn_errors_free(&errs);
}

void model_out_free(struct model_out *o)
{
	json_decref(o->written);
	o->written = NULL;
}
