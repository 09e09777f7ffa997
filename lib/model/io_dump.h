/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * model_io_dump.h - writing the model file's text without jansson's
 * encoder for the plain JSON models are made of.
 *
 * json_dumps(JSON_INDENT(2) | JSON_PRESERVE_ORDER) formats every integer
 * with snprintf and walks every string as UTF-8 through a callback: most
 * of the cost of an xovnctl write on a big db.  For documents of ASCII
 * strings that need no escape, integers, booleans, null, objects and
 * arrays this writer gives the same bytes directly; for anything else it
 * returns NULL and the caller uses jansson, so the file format never
 * depends on which one ran.
 */
#ifndef XOVN_MODEL_IO_DUMP_H
#define XOVN_MODEL_IO_DUMP_H

#include <jansson.h>
#include <stddef.h>

/*
 * The text json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) would give
 * (malloc'ed, NUL-terminated, *len without the NUL), or NULL when doc holds
 * something outside the plain subset or memory runs out.
 */
char *model_dump_simple(const json_t *doc, size_t *len);

#endif /* XOVN_MODEL_IO_DUMP_H */
