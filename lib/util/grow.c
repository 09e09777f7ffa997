// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * grow.c - the doubling growth of the lists built in memory.
 */
#include <stdlib.h>

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
