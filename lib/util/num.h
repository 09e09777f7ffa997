/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* num.h - numbers in the model's option strings. */
#ifndef XOVN_UTIL_NUM_H
#define XOVN_UTIL_NUM_H

#include <stdint.h>

/* Decimal digits only, min..max (at most 32 bits) into *out.  0 ok, -1 bad. */
int xovn_parse_u32_range(const char *s, unsigned long min, unsigned long max, uint32_t *out);

#endif /* XOVN_UTIL_NUM_H */
