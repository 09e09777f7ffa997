// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * schema_values.c - the schema pass's checks for the value types of the
 * schema's $defs: JSON types, integer ranges, string lengths, names,
 * interface names, IPv4, MACs, string maps, priorities.
 *
 * Each check mirrors one schema keyword so that a document rejected here is
 * rejected by any JSON Schema validator too (tests/check-schema.sh proves it).
 */
#include <string.h>

#include "util/addr.h"
#include "model/validate/validate.h"

#define NAME_MAX_LEN 63
#define IFNAME_MAX_LEN 15

static const char *json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "?";
}

int vcheck_type(struct vctx *c, const json_t *v, int json_type, const char *what)
{
	if ((int)json_typeof(v) == json_type)
		return 1;
	vreport(c, "type", "expected %s, got %s", what, json_type_name(v));
	return 0;
}

void vcheck_int_range(struct vctx *c, const json_t *v, json_int_t min, json_int_t max)
{
	json_int_t x;

	if (!vcheck_type(c, v, JSON_INTEGER, "an integer"))
		return;
	x = json_integer_value(v);
	if (x < min || x > max)
		vreport(c, "range", "%lld is outside %lld..%lld", (long long)x,
			(long long)min, (long long)max);
}

/* JSON Schema counts string length in characters, not bytes. */
static size_t utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int check_string_len(struct vctx *c, const json_t *v, size_t min, size_t max)
{
	size_t n = utf8_length(json_string_value(v));

	if (n >= min && n <= max)
		return 1;
	if (n < min)
		vreport(c, "length", "shorter than %zu character%s", min, min == 1 ? "" : "s");
	else
		vreport(c, "length", "longer than %zu characters", max);
	return 0;
}

void vcheck_string_len(struct vctx *c, const json_t *v, size_t min, size_t max)
{
	if (vcheck_type(c, v, JSON_STRING, "a string"))
		check_string_len(c, v, min, max);
}

/* ^[A-Za-z0-9_.:-]+$ */
int vname_syntax_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (!(ch >= 'A' && ch <= 'Z') && !(ch >= 'a' && ch <= 'z') &&
		    !(ch >= '0' && ch <= '9') && !strchr("_.:-", ch))
			return 0;
	}
	return 1;
}

/* ^[!-.0-9;-~]+$ : printable ASCII except '/', ':' and space, as Linux wants. */
int vifname_syntax_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch <= ' ' || ch > '~' || ch == '/' || ch == ':')
			return 0;
	}
	return 1;
}

void vcheck_name(struct vctx *c, const json_t *v)
{
	if (!vcheck_type(c, v, JSON_STRING, "a string") ||
	    !check_string_len(c, v, 1, NAME_MAX_LEN))
		return;
	if (!vname_syntax_ok(json_string_value(v)))
		vreport(c, "pattern", "\"%s\" is not a name (letters, digits, _ . : -)",
			json_string_value(v));
}

void vcheck_ifname(struct vctx *c, const json_t *v)
{
	if (!vcheck_type(c, v, JSON_STRING, "a string") ||
	    !check_string_len(c, v, 1, IFNAME_MAX_LEN))
		return;
	if (!vifname_syntax_ok(json_string_value(v)))
		vreport(c, "pattern",
			"\"%s\" is not an interface name (printable ASCII without / : or space)",
			json_string_value(v));
}

void vcheck_ipv4(struct vctx *c, const json_t *v)
{
	struct in_addr a;

	if (!vcheck_type(c, v, JSON_STRING, "a string"))
		return;
	if (xovn_parse_ipv4(json_string_value(v), &a) < 0)
		vreport(c, "pattern", "\"%s\" is not a dotted-quad IPv4 address",
			json_string_value(v));
}

void vcheck_enum(struct vctx *c, const json_t *v, const char *const *allowed)
{
	const char *s = json_string_value(v);
	char list[160] = "";

	for (const char *const *a = allowed; *a; a++) {
		if (s && strcmp(s, *a) == 0)
			return;
		if (a != allowed)
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, "\"", sizeof(list) - strlen(list) - 1);
		strncat(list, *a, sizeof(list) - strlen(list) - 1);
		strncat(list, "\"", sizeof(list) - strlen(list) - 1);
	}
	vreport(c, "enum", "must be one of %s", list);
}

void vcheck_any_string(struct vctx *c, const json_t *v)
{
	vcheck_type(c, v, JSON_STRING, "a string");
}

void vcheck_string_map(struct vctx *c, const json_t *v)
{
	const char *key;
	json_t *member;

	if (!vcheck_type(c, v, JSON_OBJECT, "an object"))
		return;
	json_object_foreach((json_t *)v, key, member) {
		size_t old = vpath_key(&c->path, key);

		vcheck_type(c, member, JSON_STRING, "a string");
		vpath_restore(&c->path, old);
	}
}

void vcheck_mac(struct vctx *c, const json_t *v)
{
	uint8_t mac[6];

	if (vcheck_type(c, v, JSON_STRING, "a string") &&
	    xovn_parse_mac(json_string_value(v), mac) < 0)
		vreport(c, "pattern", "\"%s\" is not a MAC address (aa:bb:cc:dd:ee:ff)",
			json_string_value(v));
}

void vcheck_priority(struct vctx *c, const json_t *v)
{
	vcheck_int_range(c, v, 0, 32767);
}
