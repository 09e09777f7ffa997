// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* grow.c - arrays that double as they fill (grow.h). */
#include <stdlib.h>
#include <string.h>

#include "util/grow.h"

void *xovn_grow(void *v, size_t *cap, size_t n, size_t elem, size_t first)
{
	size_t want;
	void *nv;

	if (n < *cap)
		return v;
	want = *cap ? *cap * 2 : first;
	nv = realloc(v, want * elem);
	if (nv)
		*cap = want;
	return nv;
}

void *xovn_append(void *arrayp, size_t *n, size_t *cap, size_t elem, size_t first)
{
	char *v;

	/* Through memcpy: the caller's pointer has its own type, not void *. */
	memcpy(&v, arrayp, sizeof(v));
	if (*n == *cap) {
		char *grown = xovn_grow(v, cap, *n, elem, first);

		if (!grown)
			return NULL;
		v = grown;
		memcpy(arrayp, &v, sizeof(v));
	}
	memset(v + *n * elem, 0, elem);
	return v + (*n)++ * elem;
}
