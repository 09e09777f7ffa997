/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * errbuf.h - reporting a failure into a caller's message buffer.
 */
#ifndef XOVN_UTIL_ERRBUF_H
#define XOVN_UTIL_ERRBUF_H

#include <stddef.h>

/* Formats the message into err (errlen bytes, truncated) and returns -1. */
int xovn_errf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* XOVN_UTIL_ERRBUF_H */
