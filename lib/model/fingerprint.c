// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * fingerprint.c - structural 128-bit hashes of jansson values.
 *
 * Two independent 64-bit lanes, each a multiply-xorshift mix over the
 * value's parts with its type in every step, so "1" and 1, [] and {},
 * ["a","b"] and ["ab"] differ.  An object's members are combined by
 * addition, which does not depend on their order.  Walking a value costs
 * no allocation, unlike the deep copy it replaces.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/fingerprint.h"

#define SEED_A 0x9e3779b97f4a7c15ull
#define SEED_B 0xc2b2ae3d27d4eb4full

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 31;
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 29);
}

static struct xovn_fingerprint step(struct xovn_fingerprint f, uint64_t v)
{
	f.a = mix(f.a, v);
	f.b = mix(f.b ^ SEED_B, ~v);
	return f;
}

static struct xovn_fingerprint start(int type)
{
	struct xovn_fingerprint f = { SEED_A, SEED_B };

	return step(f, (uint64_t)type);
}

static struct xovn_fingerprint bytes(const char *s, size_t len, int type)
{
	struct xovn_fingerprint f = step(start(type), len);
	uint64_t chunk;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&chunk, s, 8);
		f = step(f, chunk);
	}
	chunk = 0;
	memcpy(&chunk, s, len);
	return step(f, chunk);
}

static struct xovn_fingerprint object(const json_t *v)
{
	struct xovn_fingerprint sum = { 0, 0 }, f;
	const char *key;
	json_t *member;
	size_t n = 0;

	json_object_foreach((json_t *)v, key, member) {
		struct xovn_fingerprint k = bytes(key, strlen(key), JSON_STRING);
		struct xovn_fingerprint m = xovn_json_fingerprint(member);

		sum.a += mix(k.a, m.a);
		sum.b += mix(k.b, m.b);
		n++;
	}
	f = step(start(JSON_OBJECT), n);
	f = step(f, sum.a);
	return step(f, sum.b);
}

static struct xovn_fingerprint array(const json_t *v)
{
	struct xovn_fingerprint f = step(start(JSON_ARRAY), json_array_size(v));
	size_t i;
	json_t *e;

	json_array_foreach(v, i, e) {
		struct xovn_fingerprint ef = xovn_json_fingerprint(e);

		f.a = mix(f.a, ef.a);
		f.b = mix(f.b, ef.b);
	}
	return f;
}

struct xovn_fingerprint xovn_json_fingerprint(const json_t *v)
{
	double d;
	uint64_t bits;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return object(v);
	case JSON_ARRAY:
		return array(v);
	case JSON_STRING:
		return bytes(json_string_value(v), json_string_length(v), JSON_STRING);
	case JSON_INTEGER:
		return step(start(JSON_INTEGER), (uint64_t)json_integer_value(v));
	case JSON_REAL:
		d = json_real_value(v);
		memcpy(&bits, &d, sizeof(bits));
		return step(start(JSON_REAL), bits);
	default:
		return start(json_typeof(v));   /* true, false, null */
	}
}

json_t *xovn_fingerprint_json(struct xovn_fingerprint f)
{
	char hex[33];

	snprintf(hex, sizeof(hex), "%016" PRIx64 "%016" PRIx64, f.a, f.b);
	return json_string(hex);
}
