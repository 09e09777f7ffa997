/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * grow.h - arrays that double as they fill.
 */
#ifndef XOVN_UTIL_GROW_H
#define XOVN_UTIL_GROW_H

#include <stddef.h>

/*
 * Room for element n of the array v (elements of elem bytes, *cap of them):
 * when it is full, doubles it (first elements on the first call).  Returns
 * the array, moved when it grew, or NULL when out of memory (v and *cap
 * stay as they were).
 */
void *xovn_grow(void *v, size_t *cap, size_t n, size_t elem, size_t first);

/*
 * Appends one zeroed element of size elem to the array whose pointer is at
 * arrayp, holding *n of *cap elements (first of them at the first
 * allocation): the new element, or NULL when out of memory (the array then
 * stays as it was).
 */
void *xovn_append(void *arrayp, size_t *n, size_t *cap, size_t elem, size_t first);

#endif /* XOVN_UTIL_GROW_H */
