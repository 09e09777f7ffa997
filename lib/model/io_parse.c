// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * model_io_parse.c - the fast path of model loading: a recursive-descent
 * parser for the subset of JSON that model files use, building jansson
 * values.  It never reports an error of its own: whatever it does not
 * accept goes back to jansson (see model_io_parse.h), so a wrong guess here
 * costs time, never behaviour.
 */
#include <string.h>

#include "model/io_parse.h"

/* Deeper documents are legal JSON but not models: jansson takes them. */
#define MAX_DEPTH 64
/* 18 decimal digits always fit in a json_int_t (long long). */
#define MAX_INT_DIGITS 18

struct parser {
	const char *p, *end;
	int depth;
};

static json_t *parse_value(struct parser *ps);

static int is_ws(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && is_ws(*ps->p))
		ps->p++;
}

/* The next character, or '\0' at the end (never a valid token start). */
static char peek(const struct parser *ps)
{
	return ps->p < ps->end ? *ps->p : '\0';
}

/*
 * A string of printable ASCII without escapes: *s and *len get its
 * contents, the parser moves past the closing quote.  -1 for anything else.
 */
static int string_span(struct parser *ps, const char **s, size_t *len)
{
	const char *q = ps->p + 1;

	for (; q < ps->end; q++) {
		unsigned char c = (unsigned char)*q;

		if (c == '"')
			break;
		if (c < 0x20 || c > 0x7e || c == '\\')
			return -1;
	}
	if (q == ps->end)
		return -1;
	*s = ps->p + 1;
	*len = (size_t)(q - *s);
	ps->p = q + 1;
	return 0;
}

static json_t *parse_string(struct parser *ps)
{
	const char *s;
	size_t len;

	if (string_span(ps, &s, &len) < 0)
		return NULL;
	/* nocheck: string_span let only ASCII through, which is valid UTF-8. */
	return json_stringn_nocheck(s, len);
}

/* -?(0|[1-9][0-9]*) with at most MAX_INT_DIGITS digits and no fraction or exponent. */
static json_t *parse_integer(struct parser *ps)
{
	const char *q = ps->p;
	int negative = 0, digits = 0;
	json_int_t v = 0;

	if (q < ps->end && *q == '-') {
		negative = 1;
		q++;
	}
	while (q < ps->end && *q >= '0' && *q <= '9') {
		if (++digits > MAX_INT_DIGITS)
			return NULL;
		v = v * 10 + (*q - '0');
		q++;
	}
	if (digits == 0 || (digits > 1 && q[-digits] == '0'))
		return NULL;   /* no digits, or a leading zero: jansson's error */
	if (q < ps->end && (*q == '.' || *q == 'e' || *q == 'E'))
		return NULL;   /* a real: jansson's strtod decides */
	ps->p = q;
	return json_integer(negative ? -v : v);
}

static json_t *parse_literal(struct parser *ps, const char *word, json_t *value)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return NULL;
	/* "truex" is not true: the caller wants a delimiter next, and gives up otherwise. */
	ps->p += n;
	return value;
}

static int enter(struct parser *ps)
{
	if (++ps->depth > MAX_DEPTH)
		return -1;
	ps->p++;   /* past '[' or '{' */
	skip_ws(ps);
	return 0;
}

/* After a member or an element: ',' (more follow) returns 1, close returns 0, else -1. */
static int next_item(struct parser *ps, char close)
{
	skip_ws(ps);
	if (peek(ps) == ',') {
		ps->p++;
		skip_ws(ps);
		return 1;
	}
	if (peek(ps) == close) {
		ps->p++;
		ps->depth--;
		return 0;
	}
	return -1;
}

static json_t *parse_array(struct parser *ps)
{
	json_t *array = json_array();
	int more;

	if (!array || enter(ps) < 0)
		goto fail;
	if (peek(ps) == ']') {
		ps->p++;
		ps->depth--;
		return array;
	}
	do {
		json_t *item = parse_value(ps);

		if (!item || json_array_append_new(array, item) < 0)
			goto fail;
		more = next_item(ps, ']');
	} while (more > 0);
	if (more == 0)
		return array;
fail:
	json_decref(array);
	return NULL;
}

/* "key": value, added to object; -1 on anything unexpected or a duplicate key. */
static int parse_member(struct parser *ps, json_t *object)
{
	size_t before = json_object_size(object), len;
	const char *key;
	json_t *value;

	if (peek(ps) != '"' || string_span(ps, &key, &len) < 0)
		return -1;
	skip_ws(ps);
	if (peek(ps) != ':')
		return -1;
	ps->p++;
	skip_ws(ps);
	value = parse_value(ps);
	if (!value || json_object_setn_new_nocheck(object, key, len, value) < 0)
		return -1;
	/* A duplicate replaced its first value: jansson rejects the document. */
	return json_object_size(object) == before + 1 ? 0 : -1;
}

static json_t *parse_object(struct parser *ps)
{
	json_t *object = json_object();
	int more;

	if (!object || enter(ps) < 0)
		goto fail;
	if (peek(ps) == '}') {
		ps->p++;
		ps->depth--;
		return object;
	}
	do {
		if (parse_member(ps, object) < 0)
			goto fail;
		more = next_item(ps, '}');
	} while (more > 0);
	if (more == 0)
		return object;
fail:
	json_decref(object);
	return NULL;
}

static json_t *parse_value(struct parser *ps)
{
	char c = peek(ps);

	switch (c) {
	case '{': return parse_object(ps);
	case '[': return parse_array(ps);
	case '"': return parse_string(ps);
	case 't': return parse_literal(ps, "true", json_true());
	case 'f': return parse_literal(ps, "false", json_false());
	case 'n': return parse_literal(ps, "null", json_null());
	default:
		return c == '-' || (c >= '0' && c <= '9') ? parse_integer(ps) : NULL;
	}
}

json_t *model_parse_simple(const char *buf, size_t len)
{
	struct parser ps = { .p = buf, .end = buf + len, .depth = 0 };
	json_t *doc;

	skip_ws(&ps);
	/* Without JSON_DECODE_ANY jansson wants an array or an object on top. */
	if (peek(&ps) != '{' && peek(&ps) != '[')
		return NULL;
	doc = parse_value(&ps);
	if (!doc)
		return NULL;
	skip_ws(&ps);
	if (ps.p != ps.end) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}
