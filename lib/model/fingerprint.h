/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * fingerprint.h - 128-bit fingerprints of JSON values, equal exactly when
 * the values are json_equal (up to a 2^-128 chance), for telling what a
 * write changed without keeping a copy of the model it started from.
 */
#ifndef XOVN_FINGERPRINT_H
#define XOVN_FINGERPRINT_H

#include <jansson.h>
#include <stdint.h>

struct xovn_fingerprint {
	uint64_t a, b;
};

/* Objects are unordered (as json_equal sees them), arrays ordered. */
struct xovn_fingerprint xovn_json_fingerprint(const json_t *v);

/* The fingerprint as 32 hex digits in a new jansson string. */
json_t *xovn_fingerprint_json(struct xovn_fingerprint f);

#endif /* XOVN_FINGERPRINT_H */
