/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ctl_harness.c - fork/exec of build/xovnctl with captured output.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctl_harness.h"
#include "model/model.h"

char ctl_dir[64];
char ctl_db[128];

void ctl_fixture_init(void)
{
	strcpy(ctl_dir, "/tmp/xovnctl-test.XXXXXX");
	cr_assert_not_null(mkdtemp(ctl_dir), "mkdtemp failed");
	snprintf(ctl_db, sizeof(ctl_db), "%s/nb.json", ctl_dir);
}

void ctl_fixture_fini(void)
{
	char cmd[128];

	if (ctl_dir[0] == '\0')
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", ctl_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", ctl_dir);
}

const char *ctl_bin(void)
{
	static char path[4096];
	const char *src = getenv("XOVN_SRC");

	snprintf(path, sizeof(path), "%s/build/xovnctl", src ? src : ".");
	cr_assert(access(path, X_OK) == 0, "%s not built (set XOVN_SRC)", path);
	return path;
}

char *ctl_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

/* Child side: stdout/stderr to the capture files, then exec. */
static void exec_ctl(const char *db, const char *const *argv, int out_fd, int err_fd)
{
	const char *args[256];
	int n = 0, i;

	args[n++] = "xovnctl";
	if (db) {
		args[n++] = "--db";
		args[n++] = db;
	}
	for (i = 0; argv[i] && n < 255; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	dup2(out_fd, 1);
	dup2(err_fd, 2);
	execv(ctl_bin(), (char *const *)args);
	_exit(127);
}

static int capture_file(const char *tag, char *path, size_t len)
{
	int fd;

	snprintf(path, len, "%s/%s.XXXXXX", ctl_dir, tag);
	fd = mkstemp(path);
	cr_assert(fd >= 0, "mkstemp %s", path);
	return fd;
}

void ctl_runv(struct ctl_result *r, const char *db, const char *const *argv)
{
	char out_path[128], err_path[128];
	int out_fd = capture_file("out", out_path, sizeof(out_path));
	int err_fd = capture_file("err", err_path, sizeof(err_path));
	int wstatus;
	pid_t pid;

	ctl_bin();
	pid = fork();
	cr_assert(pid >= 0, "fork failed");
	if (pid == 0)
		exec_ctl(db, argv, out_fd, err_fd);
	close(out_fd);
	close(err_fd);
	cr_assert_eq(waitpid(pid, &wstatus, 0), pid);
	r->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
	r->out = ctl_slurp(out_path, NULL);
	r->err = ctl_slurp(err_path, NULL);
	unlink(out_path);
	unlink(err_path);
}

void ctl_result_free(struct ctl_result *r)
{
	free(r->out);
	free(r->err);
}

/* As every reader sees the db: the file and the records appended on it. */
json_t *ctl_load(void)
{
	struct xovn_errors errs;
	json_t *model;

	xovn_errors_init(&errs);
	model = xovn_model_load(ctl_db, 0, &errs);
	cr_assert_not_null(model, "db does not load: %s", errs.n ? errs.v[0].msg : "?");
	xovn_errors_free(&errs);
	return model;
}

static void describe(const char *const *argv, char *buf, size_t len)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; argv[i] && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s'%s'", i ? " " : "", argv[i]);
}

/* stderr without its "xovnctl: warning: " lines, in a static buffer. */
static const char *drop_warnings(const char *err)
{
	static char kept[8192];
	size_t used = 0;

	while (*err) {
		size_t len = strcspn(err, "\n") + (err[strcspn(err, "\n")] == '\n');

		if (strncmp(err, "xovnctl: warning: ", 18) != 0 && used + len < sizeof(kept)) {
			memcpy(kept + used, err, len);
			used += len;
		}
		err += len;
	}
	kept[used] = '\0';
	return kept;
}

void ctl_expect_ok_v(const char *out_expected, const char *const *argv)
{
	struct ctl_result r;
	char cmd[512];

	describe(argv, cmd, sizeof(cmd));
	ctl_runv(&r, ctl_db, argv);
	cr_assert_eq(r.status, 0, "xovnctl %s: exit %d, stderr: %s", cmd, r.status, r.err);
	/* Incomplete configuration warns; test_ctl_incomplete.c checks those lines. */
	cr_assert_str_empty(drop_warnings(r.err), "xovnctl %s: unexpected stderr: %s", cmd, r.err);
	if (out_expected)
		cr_assert_str_eq(r.out, out_expected, "xovnctl %s printed:\n%s", cmd, r.out);
	ctl_result_free(&r);
}

void ctl_expect_fail_v(const char *err_substring, const char *const *argv)
{
	size_t before_len = 0, after_len = 0;
	char *before = ctl_slurp(ctl_db, &before_len);
	struct ctl_result r;
	char *after, cmd[512];

	describe(argv, cmd, sizeof(cmd));
	ctl_runv(&r, ctl_db, argv);
	after = ctl_slurp(ctl_db, &after_len);
	cr_assert_eq(r.status, 1, "xovnctl %s: exit %d, expected 1", cmd, r.status);
	cr_assert(strncmp(r.err, "xovnctl: ", 9) == 0, "xovnctl %s: stderr lacks prefix: %s",
		  cmd, r.err);
	if (err_substring)
		cr_assert_not_null(strstr(r.err, err_substring),
				   "xovnctl %s: stderr \"%s\" lacks \"%s\"", cmd, r.err,
				   err_substring);
	cr_assert_str_empty(r.out, "xovnctl %s: failed chain printed: %s", cmd, r.out);
	cr_assert_eq(before == NULL, after == NULL, "xovnctl %s: db created or removed", cmd);
	if (before) {
		cr_assert_eq(before_len, after_len, "xovnctl %s: db size changed", cmd);
		cr_assert(memcmp(before, after, before_len) == 0, "xovnctl %s: db changed", cmd);
	}
	free(before);
	free(after);
	ctl_result_free(&r);
}

static json_t *find_named(json_t *arr, const char *name)
{
	json_t *el;
	size_t i;

	json_array_foreach(arr, i, el)
		if (strcmp(json_string_value(json_object_get(el, "name")), name) == 0)
			return el;
	return NULL;
}

/* The element named name of list, or of the ports of any element of list when ports. */
static json_t *find_in(json_t *model, const char *list, int ports, const char *name)
{
	json_t *owner, *found;
	size_t i;

	if (!ports)
		return find_named(json_object_get(model, list), name);
	json_array_foreach(json_object_get(model, list), i, owner) {
		found = find_named(json_object_get(owner, "ports"), name);
		if (found)
			return found;
	}
	return NULL;
}

static json_t *must_find(json_t *model, const char *list, int ports, const char *what,
			 const char *name)
{
	json_t *found = find_in(model, list, ports, name);

	cr_assert_not_null(found, "%s %s not in db", what, name);
	return found;
}

json_t *ctl_json_switch(json_t *model, const char *name)
{
	return must_find(model, "logical_switches", 0, "switch", name);
}

json_t *ctl_json_port(json_t *model, const char *name)
{
	return must_find(model, "logical_switches", 1, "port", name);
}

json_t *ctl_json_router(json_t *model, const char *name)
{
	return must_find(model, "logical_routers", 0, "router", name);
}

json_t *ctl_json_router_port(json_t *model, const char *name)
{
	return must_find(model, "logical_routers", 1, "router port", name);
}

json_t *ctl_json_chassis(json_t *model, const char *name)
{
	return must_find(model, "chassis", 0, "chassis", name);
}

long ctl_json_int(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	cr_assert(json_is_integer(v), "member %s is not an integer", key);
	return (long)json_integer_value(v);
}

char *ctl_capture_v(const char *const *argv)
{
	struct ctl_result r;
	char *out;

	ctl_runv(&r, ctl_db, argv);
	cr_assert_eq(r.status, 0, "failed: %s", r.err);
	out = strdup(r.out);
	if (*out && out[strlen(out) - 1] == '\n')
		out[strlen(out) - 1] = '\0';
	ctl_result_free(&r);
	return out;
}

void ctl_fixture_init_sample(void)
{
	ctl_fixture_init();
	CTL_OK("ls-add", "sw0", "--", "lsp-add", "sw0", "vm1", "--", "lsp-add", "sw0", "ln",
	       "--", "lsp-set-type", "ln", "localnet", "--", "lsp-set-options", "ln",
	       "network_name=phys", "--", "lsp-add", "sw0", "lp", "--", "lsp-set-type", "lp",
	       "localport", "--", "chassis-add", "hv1", "geneve", "192.0.2.1", "--",
	       "vif-attach", "hv1", "tap0", "vm1", "--", "ha-chassis-group-add", "g1", "--",
	       "ha-chassis-group-add-chassis", "g1", "hv1", "10", "--", "lsp-add", "sw0", "vm2",
	       "--", "lsp-bind", "vm2", "hv1");
}

void ctl_expect_keys_v(const struct ctl_key *keys, size_t n)
{
	json_t *m = ctl_load();

	for (size_t i = 0; i < n; i++)
		cr_assert_eq(ctl_json_int(keys[i].find(m, keys[i].name), "tunnel_key"),
			     keys[i].tunnel_key, "%s", keys[i].name);
	json_decref(m);
}

void ctl_expect_absent(json_t *(*find)(json_t *model, const char *name), const char *name,
		       const char *key)
{
	json_t *m = ctl_load();

	cr_assert_null(json_object_get(find(m, name), key), "%s has %s", name, key);
	json_decref(m);
}
