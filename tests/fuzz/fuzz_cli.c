// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * fuzz_cli.c - libFuzzer target for the xovnctl command line: argument
 * parsing, chains, every verb, against a private db on tmpfs.
 *
 * The input is a list of NUL-separated words, run as
 * "xovnctl --db PRIVATE WORD...".  Beyond "no crash, no leak, no UB":
 *   - a failed run leaves the db byte-identical;
 *   - a successful run leaves a db that parses and validates.
 * Inputs that would leave the private db (another --db) or touch the
 * running dataplane (trace, stats, --wait) are skipped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>

#include "ctl.h"
#include "model/model.h"

#define MAX_WORDS 48

static char db_path[64];

/* A small model with one of everything the verbs refer to. */
static const char seed_db[] =
	"{\"version\":1,\"generation\":1,\"logical_switches\":[{\"name\":\"sw0\",\"tunnel_key\":1,"
	"\"ports\":[{\"name\":\"vm1\",\"tunnel_key\":1,\"addresses\":[\"00:00:00:00:00:01 10.0.0.1\"]},"
	"{\"name\":\"ln\",\"tunnel_key\":2,\"type\":\"localnet\",\"options\":{\"network_name\":\"phys\"}},"
	"{\"name\":\"lp\",\"tunnel_key\":3,\"type\":\"localport\"}]}],"
	"\"ha_chassis_groups\":[{\"name\":\"g1\",\"members\":[{\"chassis\":\"hv1\",\"priority\":1}]}],"
	"\"chassis\":[{\"name\":\"hv1\",\"encap\":{\"type\":\"geneve\",\"ip\":\"192.0.2.1\"},"
	"\"vifs\":[{\"iface\":\"tap0\",\"port\":\"vm1\"}]}]}\n";

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

static void write_seed_db(void)
{
	FILE *f = fopen(db_path, "wb");

	if (!f || fwrite(seed_db, 1, sizeof(seed_db) - 1, f) != sizeof(seed_db) - 1)
		abort();
	fclose(f);
}

static void remove_db(void)
{
	unlink(db_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(db_path, sizeof(db_path), "/dev/shm/xovn-fuzz-cli-%d.json", (int)getpid());
	atexit(remove_db);
	/*
	 * What the verbs print would drown libFuzzer's own output; rejected
	 * commands' stderr is closed by run.sh (-close_fd_mask=2), which keeps
	 * sanitizer reports on a duplicate of it.
	 */
	if (!getenv("FUZZ_CLI_VERBOSE") && !freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

/* Splits data into NUL-separated words after the fixed prefix; -1 when the input is skipped. */
static int split_words(char *text, size_t size, char **argv, int *argc)
{
	size_t i, start = 0;

	argv[(*argc)++] = "xovnctl";
	argv[(*argc)++] = "--db";
	argv[(*argc)++] = db_path;
	for (i = 0; i <= size && *argc < MAX_WORDS; i++) {
		if (i < size && text[i])
			continue;
		text[i] = '\0';
		if (strncmp(text + start, "--db", 4) == 0 || strcmp(text + start, "trace") == 0 ||
		    strcmp(text + start, "stats") == 0 ||
		    strncmp(text + start, "--wait", 6) == 0)
			return -1;
		argv[(*argc)++] = text + start;
		start = i + 1;
	}
	argv[*argc] = NULL;
	return 0;
}

static void check_db_valid(void)
{
	struct xovn_errors errs;
	json_t *model;

	xovn_errors_init(&errs);
	model = xovn_model_load(db_path, 0, &errs);
	if (!model || xovn_model_validate(model, &errs) != 0)
		abort();  /* a successful write left a db that does not load or validate */
	json_decref(model);
	xovn_errors_free(&errs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_WORDS + 1], *text, *before, *after;
	size_t before_len = 0, after_len = 0;
	int argc = 0, rc;

	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (split_words(text, size, argv, &argc) == 0) {
		write_seed_db();
		before = slurp(db_path, &before_len);
		rc = ctl_main(argc, argv);
		after = slurp(db_path, &after_len);
		if (rc != 0 && (!after || after_len != before_len ||
				memcmp(before, after, before_len) != 0))
			abort();  /* a rejected command changed the db */
		if (rc == 0)
			check_db_valid();
		free(before);
		free(after);
	}
	free(text);
	return 0;
}
