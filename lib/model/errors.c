// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* errors.c - the list of validation errors: path, rule, message. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

void xovn_errors_init(struct xovn_errors *e)
{
	memset(e, 0, sizeof(*e));
}

void xovn_errors_free(struct xovn_errors *e)
{
	free(e->v);
	memset(e, 0, sizeof(*e));
}

void xovn_errors_add(struct xovn_errors *e, const char *path, const char *rule,
		     const char *fmt, ...)
{
	struct xovn_error *err;
	va_list ap;

	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 8;
		struct xovn_error *v = realloc(e->v, cap * sizeof(*v));

		if (!v) {
			/*
			 * Out of memory: the error must still count, or a bad
			 * model could pass as valid.  Reuse the last slot when
			 * there is one; with none, there is nothing to keep.
			 */
			if (e->n == 0)
				abort();
			e->n--;
		} else {
			e->v = v;
			e->cap = cap;
		}
	}
	err = &e->v[e->n++];
	snprintf(err->path, sizeof(err->path), "%s", path);
	snprintf(err->rule, sizeof(err->rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

void xovn_errors_print(const struct xovn_errors *e, const char *prefix, FILE *f)
{
	for (size_t i = 0; i < e->n; i++)
		fprintf(f, "%s%s: %s: %s\n", prefix ? prefix : "", e->v[i].path,
			e->v[i].rule, e->v[i].msg);
}
