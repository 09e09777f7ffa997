/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * model_out.h - --model-out FILE: the model in force, as xovnd holds it,
 * for operators to inspect (in the OVN-database mode, what xovnd built
 * from OVN's rows) and for tests to check.
 */
#ifndef XOVND_MODEL_OUT_H
#define XOVND_MODEL_OUT_H

#include <jansson.h>

struct model_out {
	const char *path;           /* "" or NULL: none */
	json_t *written;            /* the model last written, held so that its address is not reused */
	long long generation;
};

/*
 * Writes model to the file (atomically replaced) when it is not the one
 * last written: another object, or the same one patched in place (which
 * gives it a new generation).  A failure is logged; the daemon goes on.
 */
void model_out_update(struct model_out *o, json_t *model);
void model_out_free(struct model_out *o);

#endif /* XOVND_MODEL_OUT_H */
