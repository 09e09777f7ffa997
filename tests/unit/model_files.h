/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * model_files.h - finding and reading the model files of the source
 * tree (examples/, tests/unit/valid/, tests/unit/invalid/) in unit tests.
 */
#ifndef XOVN_TEST_MODEL_FILES_H
#define XOVN_TEST_MODEL_FILES_H

#include <jansson.h>
#include <stddef.h>

#include "model/model.h"

/* The source tree: $XOVN_SRC, else the current directory. */
const char *tmf_src(void);

/* tmf_src() + "/" + rel into buf. */
const char *tmf_path(char *buf, size_t len, const char *rel);

/* Names of the *.json files of a directory of the tree (at most max, in no order); fails the test if it cannot be opened. */
size_t tmf_list_json(const char *rel_dir, char names[][64], size_t max);

/* Parses a JSON file of the tree (any JSON value); fails the test if it cannot. */
json_t *tmf_load(const char *rel);

/* Parses JSON text of a test (any value); fails the test if it cannot. */
json_t *tmf_json(const char *text);

/* Whether errs holds an error with exactly this path and rule. */
int tmf_has_error(const struct xovn_errors *errs, const char *path, const char *rule);

/* Every error as "path rule: msg" lines, for assertion messages (static buffer). */
const char *tmf_errors_text(const struct xovn_errors *errs);

/* Whether a line of lines (an array of strings, e.g. rows left out) contains text. */
int tmf_lines_have(const json_t *lines, const char *text);

/* The short name the EXPECT files give an incomplete item's kind: "port", "vif", ... */
const char *tmf_inactive_kind(unsigned kind);

/*
 * Reads an EXPECT file of the tree, lines "NAME F1 F2 F3" ('#' starts a
 * comment), into cases of size bytes each that start with char name[64]:
 * one case per NAME (at most max), add(case, {F1, F2, F3}) for each line.
 * Returns how many cases it filled; 0 when the file is missing.
 */
size_t tmf_read_expect(const char *rel, void *cases, size_t size, size_t max,
		       void (*add)(void *c, char fields[3][128]));

/*
 * A copy of n cases of size bytes each in criterion's shared memory, which
 * parameterized tests must return (a zero-length array is still allocated).
 */
void *tmf_params(const void *cases, size_t size, size_t n);

#endif
