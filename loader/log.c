// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * log.c - prefixed, line-buffered logging to stderr.
 */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static char prefix[64] = "xovnd: ";
static int verbose_on;

void log_init(const char *chassis, int verbose)
{
	snprintf(prefix, sizeof(prefix), "xovnd[%s]: ", chassis);
	verbose_on = verbose;
	/* Lines from a daemon whose stderr is a pipe must not sit in a buffer. */
	setvbuf(stderr, NULL, _IOLBF, 0);
}

const char *log_prefix(void)
{
	return prefix;
}

static void log_line(const char *fmt, va_list ap)
{
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(fmt, ap);
	va_end(ap);
}

void log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!verbose_on)
		return;
	va_start(ap, fmt);
	log_line(fmt, ap);
	va_end(ap);
}
