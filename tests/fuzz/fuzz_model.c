// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * fuzz_model.c - libFuzzer target for the model path xovnd runs on every
 * db change: parse -> validate -> (if valid) compile for each chassis -> diff.
 * Any crash, leak or undefined behaviour here is a way for one bad db write
 * to take the dataplane daemon down.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <jansson.h>

#include "compile/compile.h"
#include "dataplane/mapset.h"
#include "model/model.h"

/* Every interface exists; ifindex derived from the name so it is stable. */
static int fuzz_resolver(const char *ifname, struct xovn_iface_info *info, void *arg)
{
	uint32_t h = 7;

	(void)arg;
	for (const char *p = ifname; *p; p++)
		h = h * 31 + (uint8_t)*p;
	info->ifindex = 2 + h % 100000;
	info->mtu = 1500;
	info->is_veth = h & 1;
	return 0;
}

static void compile_every_chassis(const json_t *doc)
{
	struct xovn_model *model = xovn_model_read(doc);
	struct xovn_mapset empty, set, up, del;
	char err[256];

	if (!model)
		abort();
	xovn_mapset_init(&empty);
	for (size_t i = 0; i < model->n_chassis; i++) {
		const char *name = model->chassis[i].name;

		xovn_mapset_init(&set);
		xovn_mapset_init(&up);
		xovn_mapset_init(&del);
		if (name && xovn_compile(model, name, fuzz_resolver, NULL, &set, err, sizeof(err)) == 0)
			xovn_mapset_diff(&empty, &set, &up, &del);
		xovn_mapset_free(&set);
		xovn_mapset_free(&up);
		xovn_mapset_free(&del);
	}
	xovn_mapset_free(&empty);
	xovn_model_free(model);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xovn_errors errs;
	json_error_t jerr;
	json_t *model;

	model = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (!model)
		return 0;
	xovn_errors_init(&errs);
	if (xovn_model_validate(model, &errs) == 0)
		compile_every_chassis(model);
	xovn_errors_free(&errs);
	json_decref(model);
	return 0;
}
