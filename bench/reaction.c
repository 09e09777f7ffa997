// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * reaction.c - how long a running xovnd takes to put one xovnctl edit into
 * its maps, and how long xovnctl itself takes on a big db.
 *
 *   bench_reaction --xovnctl BIN --db FILE --pin-dir DIR --ports N --reps R
 *
 * xovnd must be running for chassis hv1 on FILE with maps pinned in DIR
 * (the model from bench_ctlplane --write-model N).  Each repetition gives
 * remote port r1 a new MAC with `xovnctl lsp-set-addresses` and polls the
 * pinned xovn_fdb_v2 until the new MAC is there.  Rows:
 *   react PORTS ctl_read REP NS     xovnctl lsp-get-addresses r1
 *   react PORTS ctl_write REP NS    xovnctl lsp-set-addresses r1 ...
 *   react PORTS ctl_read_cpu, ctl_write_cpu REP NS   their CPU time (user + system)
 *   react PORTS applied REP NS      from the commit to the entry in the map
 *   react PORTS written REP NS      from the db's write to the entry in the map
 *
 * "applied" is xovnd's reaction: it starts at the commit (on a big db the
 * record appended to DB.journal, closed after its fsync; on a small one the
 * new db renamed into place: from then on every reader sees the new model;
 * seen through inotify) and ends when the entry is in the pinned map,
 * polled every 50 us at real-time priority while xovnctl is still running
 * (xovnd may finish before xovnctl has exited).  "written" starts earlier,
 * at the modification time of the file written last (journal or db), so it
 * also counts xovnctl's fsync.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "model_gen.h"
#include "xovn_maps.h"

#define APPLY_TIMEOUT_NS 60e9

struct opts {
	const char *xovnctl, *db, *pin_dir;
	long ports;
	int reps;
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Starts xovnctl --db DB args... with its output discarded; its pid, -1 on error. */
static pid_t xovnctl_start(const struct opts *o, char *const args[])
{
	char *argv[8] = { (char *)o->xovnctl, "--db", (char *)o->db };
	pid_t pid;
	int i;

	for (i = 0; args[i] && i < 4; i++)
		argv[3 + i] = args[i];
	pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execv(o->xovnctl, argv);
		_exit(127);
	}
	return pid;
}

/*
 * CPU time (user + system, ns) of the last xovnctl waited for: on a shared
 * machine it moves far less with the other load than the wall time.
 */
static double last_cpu_ns;

/* Waits for a started xovnctl; 0 when it succeeded. */
static int xovnctl_wait(pid_t pid)
{
	struct rusage ru;
	int status;

	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
		return -1;
	last_cpu_ns = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e9 +
		      (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e3;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int xovnctl(const struct opts *o, char *const args[])
{
	return xovnctl_wait(xovnctl_start(o, args));
}

static double realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double mtime_ns(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return st.st_mtim.tv_sec * 1e9 + st.st_mtim.tv_nsec;
}

/*
 * When the db was last written (wall clock), or -1: the db file when the
 * write rewrote it, its journal when the write was appended there.
 */
static double db_written_ns(const char *db)
{
	char journal[600];
	double file = mtime_ns(db), appended;

	snprintf(journal, sizeof(journal), "%s.journal", db);
	appended = mtime_ns(journal);
	return appended > file ? appended : file;
}

static int fdb_has(int fd, const uint8_t mac[6])
{
	struct xovn_fdb_key key = { .dp_key = BM_VNI_BENCH };
	struct xovn_fdb_val val;

	memcpy(key.mac, mac, 6);
	return bpf_map_lookup_elem(fd, &key, &val) == 0 && val.port_key == BM_R1;
}

/* Polls until mac is in the fdb: ns waited, or -1 after the timeout. */
static double wait_fdb(int fd, const uint8_t mac[6], double since)
{
	while (!fdb_has(fd, mac)) {
		if (now_ns() - since > APPLY_TIMEOUT_NS)
			return -1;
		usleep(50);
	}
	return now_ns() - since;
}

/*
 * While it waits, the measuring process runs at real-time priority: on two
 * cores shared with xovnctl and xovnd it would otherwise often be scheduled
 * only after xovnd had finished, and see the rename and the new entry at
 * the same instant.  Its polling sleeps leave the cores to them.
 */
static void realtime_priority(int on)
{
	struct sched_param sp = { .sched_priority = on ? 1 : 0 };

	sched_setscheduler(0, on ? SCHED_FIFO : SCHED_OTHER, &sp);
}

/*
 * An inotify watch on the db's directory for commits: a rewritten db
 * renamed into place, or a record appended to its journal; -1 on error.
 */
static int watch_commits(const char *db)
{
	char dir[512];
	const char *slash = strrchr(db, '/');
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - db) : 1, slash ? db : ".");
	if (fd >= 0 && inotify_add_watch(fd, dir, IN_MOVED_TO | IN_CLOSE_WRITE) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/*
 * Whether a write committed since the last call: the db's name renamed
 * into place, or its journal closed after an append (a rewrite renames its
 * journal in before the db: that is not the commit).
 */
static int db_committed(int ifd, const char *db)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const char *base = strrchr(db, '/') ? strrchr(db, '/') + 1 : db;
	char journal[300];
	int hit = 0;
	ssize_t len;

	snprintf(journal, sizeof(journal), "%s.journal", base);
	while ((len = read(ifd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ie = (const struct inotify_event *)p;

			if (ie->len && (ie->mask & IN_MOVED_TO) && strcmp(ie->name, base) == 0)
				hit = 1;
			if (ie->len && (ie->mask & IN_CLOSE_WRITE) && strcmp(ie->name, journal) == 0)
				hit = 1;
			p += sizeof(*ie) + ie->len;
		}
	}
	return hit;
}

/* Polls the fdb for mac and the directory for the db's commit, both timed (monotonic). */
static int wait_commit_and_fdb(int fd, int ifd, const char *db, const uint8_t mac[6],
			       double since, double *renamed_at, double *applied_at)
{
	*renamed_at = -1;
	for (;;) {
		if (*renamed_at < 0 && db_committed(ifd, db))
			*renamed_at = now_ns();
		if (fdb_has(fd, mac))
			break;
		if (now_ns() - since > APPLY_TIMEOUT_NS)
			return -1;
		usleep(50);
	}
	*applied_at = now_ns();
	/* xovnd can only have applied after the commit: the event was just not read yet. */
	if (*renamed_at < 0 && db_committed(ifd, db))
		*renamed_at = *applied_at;
	return *renamed_at < 0 ? -1 : 0;
}

static int one_rep(const struct opts *o, int fd, int rep)
{
	uint8_t mac[6] = { 0x02, 0xee, 0, 0, (uint8_t)(rep >> 8), (uint8_t)rep };
	char addr[64];
	char *get[] = { "lsp-get-addresses", "r1", NULL };
	char *set[] = { "lsp-set-addresses", "r1", addr, NULL };
	double t0, t1, waited, renamed_at, applied_at, applied_wall, written;
	int ifd, rc;
	pid_t pid;

	snprintf(addr, sizeof(addr), "02:ee:00:00:%02x:%02x 10.1.0.6", mac[4], mac[5]);
	t0 = now_ns();
	if (xovnctl(o, get))
		return -1;
	printf("react\t%ld\tctl_read\t%d\t%.0f\n", o->ports, rep, now_ns() - t0);
	printf("react\t%ld\tctl_read_cpu\t%d\t%.0f\n", o->ports, rep, last_cpu_ns);
	ifd = watch_commits(o->db);
	if (ifd < 0)
		return -1;
	realtime_priority(1);
	t0 = now_ns();
	pid = xovnctl_start(o, set);
	rc = pid < 0 ? -1 : wait_commit_and_fdb(fd, ifd, o->db, mac, t0, &renamed_at, &applied_at);
	applied_wall = realtime_ns();
	realtime_priority(0);
	close(ifd);
	if (xovnctl_wait(pid))
		return -1;
	t1 = now_ns();
	if (rc < 0) {
		fprintf(stderr, "bench: xovnd did not apply %s within 60 s\n", addr);
		return -1;
	}
	written = db_written_ns(o->db);
	if (written < 0)
		return -1;
	waited = applied_at - renamed_at;
	printf("react\t%ld\twritten\t%d\t%.0f\n", o->ports, rep, applied_wall - written);
	printf("react\t%ld\tctl_write\t%d\t%.0f\n", o->ports, rep, t1 - t0);
	printf("react\t%ld\tctl_write_cpu\t%d\t%.0f\n", o->ports, rep, last_cpu_ns);
	printf("react\t%ld\tapplied\t%d\t%.0f\n", o->ports, rep, waited);
	return 0;
}

static int parse(struct opts *o, int argc, char **argv)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->reps = 5;
	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--xovnctl"))
			o->xovnctl = argv[i + 1];
		else if (!strcmp(argv[i], "--db"))
			o->db = argv[i + 1];
		else if (!strcmp(argv[i], "--pin-dir"))
			o->pin_dir = argv[i + 1];
		else if (!strcmp(argv[i], "--ports"))
			o->ports = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--reps"))
			o->reps = atoi(argv[i + 1]);
		else
			break;
	}
	if (i != argc || !o->xovnctl || !o->db || !o->pin_dir || o->reps < 1) {
		fprintf(stderr, "usage: bench_reaction --xovnctl BIN --db FILE --pin-dir DIR "
				"--ports N [--reps N]\n");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	uint8_t first[6];
	char path[512];
	struct opts o;
	double t0;
	int fd, rep;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (parse(&o, argc, argv))
		return 1;
	snprintf(path, sizeof(path), "%s/xovn_fdb_v2", o.pin_dir);
	/* xovnd pins its maps a moment after it starts. */
	for (t0 = now_ns(); (fd = bpf_obj_get(path)) < 0 && now_ns() - t0 < APPLY_TIMEOUT_NS;)
		usleep(1000);
	if (fd < 0) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		return 1;
	}
	/* The starting model must be in the maps before the first edit. */
	bm_mac(BM_VNI_BENCH, BM_R1, first);
	if (wait_fdb(fd, first, now_ns()) < 0) {
		fprintf(stderr, "bench: xovnd never applied the starting model\n");
		return 1;
	}
	for (rep = 0; rep < o.reps; rep++)
		if (one_rep(&o, fd, rep))
			return 1;
	return 0;
}
