// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * log.c - prefixed, line-buffered logging to stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "log.h"

static char prefix[64] = "xovnd: ";
static int verbose_on;

/*
 * libbpf's own messages get our prefix.  Its debug chatter only with -v;
 * and the netlink notice it prints when a clsact qdisc already exists
 * (which is every restart) is expected, not a problem worth a line.
 */
static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[1024];

	if (level == LIBBPF_DEBUG && !verbose_on)
		return 0;
	vsnprintf(line, sizeof(line), fmt, ap);
	if (strstr(line, "Exclusivity flag on"))
		return 0;
	return fprintf(stderr, "%slibbpf: %s", prefix, line);
}

void log_init(const char *chassis, int verbose)
{
	snprintf(prefix, sizeof(prefix), "xovnd[%s]: ", chassis);
	verbose_on = verbose;
	/* Lines from a daemon whose stderr is a pipe must not sit in a buffer. */
	setvbuf(stderr, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print);
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
