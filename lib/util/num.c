// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* num.c - numbers in the model's option strings. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "util/num.h"

int xovn_parse_u32_range(const char *s, unsigned long min, unsigned long max, uint32_t *out)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end || errno || v < min || v > max || v > 0xffffffffUL)
		return -1;
	*out = (uint32_t)v;
	return 0;
}
