/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* u32_list.h - membership in a short unsorted list of 32-bit values. */
#ifndef XOVN_UTIL_U32_LIST_H
#define XOVN_UTIL_U32_LIST_H

#include <stddef.h>
#include <stdint.h>

/* Is v one of list[0..n)?  A linear scan: for lists of a few dozen. */
static inline int xovn_u32_in(const uint32_t *list, size_t n, uint32_t v)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == v)
			return 1;
	return 0;
}

#endif /* XOVN_UTIL_U32_LIST_H */
