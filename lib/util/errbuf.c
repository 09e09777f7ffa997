// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * errbuf.c - a failure into a message buffer (see errbuf.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "util/errbuf.h"

int xovn_errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}
