/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * log.h - xovnd's stderr log: every line starts with "xovnd[CHASSIS]: " so
 * that several chassis sharing one terminal (tests, the demo) stay readable.
 */
#ifndef XOVND_LOG_H
#define XOVND_LOG_H

void log_init(const char *chassis, int verbose);
/* Always printed: what was done, and every refusal with its reason. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Printed with -v only: per-step detail. */
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The prefix, for printers that take one (xovn_errors_print). */
const char *log_prefix(void);

#endif /* XOVND_LOG_H */
