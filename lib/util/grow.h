/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* grow.h - arrays that double as they fill. */
#ifndef XOVN_GROW_H
#define XOVN_GROW_H

#include <stddef.h>

/*
 * Appends one zeroed element of size elem to the array whose pointer is at
 * arrayp, holding *n of *cap elements (first of them at the first
 * allocation): the new element, or NULL when out of memory (the array then
 * stays as it was).
 */
void *xovn_append(void *arrayp, size_t *n, size_t *cap, size_t elem, size_t first);

#endif /* XOVN_GROW_H */
