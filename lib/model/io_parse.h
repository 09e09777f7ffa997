/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * model_io_parse.h - a fast parser for the plain JSON that model files are
 * made of, building the same jansson document json_loadb would.
 *
 * jansson's decoder reads one character at a time through a callback,
 * validates UTF-8 and copies every token into a growing buffer: most of
 * the cost of loading a 100,000-port model.  Model files use a small part
 * of JSON (ASCII strings without escapes, integers, objects, arrays), and
 * that part can be parsed straight from the buffer.  Anything else - an
 * escape, a non-ASCII byte, a real number, a duplicate key, a syntax error -
 * makes this parser give up, and the caller parses the text with jansson:
 * the documents accepted and every error message stay jansson's.
 */
#ifndef XOVN_MODEL_IO_PARSE_H
#define XOVN_MODEL_IO_PARSE_H

#include <jansson.h>
#include <stddef.h>

/*
 * The document in buf[0..len), as json_loadb(buf, len, JSON_REJECT_DUPLICATES)
 * would give it (same values, same member order); NULL when the text is not
 * in the simple subset or not valid, and then jansson must decide.
 */
json_t *model_parse_simple(const char *buf, size_t len);

#endif /* XOVN_MODEL_IO_PARSE_H */
