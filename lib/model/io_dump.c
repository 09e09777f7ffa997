// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_io_dump.c - the fast path of saving: jansson's indented output
 * (two spaces a level, members in insertion order, ": " between key and
 * value, "," ending a line, empty containers as {} and []) written straight
 * into one growing buffer.  tests/unit/test_model_parse.c compares it
 * byte for byte with json_dumps.
 */
#include <stdlib.h>
#include <string.h>

#include "model/io_dump.h"

#define INDENT 2
/* Deeper documents are legal but not models: jansson writes them. */
#define MAX_DEPTH 64

struct out {
	char *buf;
	size_t len, cap;
	int failed;     /* out of memory, or a value outside the subset */
};

static int reserve(struct out *o, size_t more)
{
	size_t cap = o->cap ? o->cap : 4096;
	char *bigger;

	if (o->failed)
		return -1;
	if (o->len + more + 1 <= o->cap)
		return 0;
	while (cap < o->len + more + 1)
		cap *= 2;
	bigger = realloc(o->buf, cap);
	if (!bigger) {
		o->failed = 1;
		return -1;
	}
	o->buf = bigger;
	o->cap = cap;
	return 0;
}

static void put(struct out *o, const char *s, size_t n)
{
	if (reserve(o, n) < 0)
		return;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* A newline and the indentation of depth. */
static void newline(struct out *o, int depth)
{
	size_t n = (size_t)depth * INDENT;

	if (reserve(o, n + 1) < 0)
		return;
	o->buf[o->len++] = '\n';
	memset(o->buf + o->len, ' ', n);
	o->len += n;
}

/* Printable ASCII without '"' or '\\' is written as it is; anything else goes to jansson. */
static void put_string(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
			o->failed = 1;
			return;
		}
	}
	put(o, "\"", 1);
	put(o, s, n);
	put(o, "\"", 1);
}

static void put_integer(struct out *o, json_int_t v)
{
	char digits[24];
	size_t n = 0;
	/* Negated as unsigned, so the most negative value has no overflow. */
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

	do {
		digits[sizeof(digits) - 1 - n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		digits[sizeof(digits) - 1 - n++] = '-';
	put(o, digits + sizeof(digits) - n, n);
}

static void put_value(struct out *o, const json_t *v, int depth);

static void put_array(struct out *o, const json_t *a, int depth)
{
	size_t n = json_array_size(a);

	put(o, "[", 1);
	if (n == 0) {
		put(o, "]", 1);
		return;
	}
	newline(o, depth + 1);
	for (size_t i = 0; i < n && !o->failed; i++) {
		put_value(o, json_array_get(a, i), depth + 1);
		if (i + 1 < n) {
			put(o, ",", 1);
			newline(o, depth + 1);
		}
	}
	newline(o, depth);
	put(o, "]", 1);
}

static void put_object(struct out *o, const json_t *obj, int depth)
{
	void *it = json_object_iter((json_t *)obj);

	put(o, "{", 1);
	if (!it) {
		put(o, "}", 1);
		return;
	}
	newline(o, depth + 1);
	while (it && !o->failed) {
		const char *key = json_object_iter_key(it);

		put_string(o, key, json_object_iter_key_len(it));
		put(o, ": ", 2);
		put_value(o, json_object_iter_value(it), depth + 1);
		it = json_object_iter_next((json_t *)obj, it);
		if (it) {
			put(o, ",", 1);
			newline(o, depth + 1);
		}
	}
	newline(o, depth);
	put(o, "}", 1);
}

static void put_value(struct out *o, const json_t *v, int depth)
{
	if (depth > MAX_DEPTH) {
		o->failed = 1;
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT: put_object(o, v, depth); break;
	case JSON_ARRAY: put_array(o, v, depth); break;
	case JSON_STRING: put_string(o, json_string_value(v), json_string_length(v)); break;
	case JSON_INTEGER: put_integer(o, json_integer_value(v)); break;
	case JSON_TRUE: put(o, "true", 4); break;
	case JSON_FALSE: put(o, "false", 5); break;
	case JSON_NULL: put(o, "null", 4); break;
	default: o->failed = 1; break;   /* a real: jansson's own formatting */
	}
}

char *model_dump_simple(const json_t *doc, size_t *len)
{
	struct out o = { 0 };

	/* Like json_dumps without JSON_ENCODE_ANY: only an array or an object on top. */
	if (!json_is_object(doc) && !json_is_array(doc))
		return NULL;
	put_value(&o, doc, 0);
	if (o.failed || reserve(&o, 0) < 0) {
		free(o.buf);
		return NULL;
	}
	o.buf[o.len] = '\0';
	*len = o.len;
	return o.buf;
}
