/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * fsutil.h - directories xovnd needs: bpffs for the pins, the db's directory.
 */
#ifndef XOVND_FSUTIL_H
#define XOVND_FSUTIL_H

/* Mounts bpffs on /sys/fs/bpf if nothing is mounted there.  0 ok, -1 logged. */
int fs_ensure_bpffs(void);
/* mkdir -p path (mode 0755).  0 ok, -1 with errno set. */
int fs_mkdir_p(const char *path);
/* The directory part of path into dir (like dirname(3), without touching path). */
void fs_dirname(const char *path, char *dir, unsigned long dirlen);
/* The last component of path. */
const char *fs_basename(const char *path);

#endif /* XOVND_FSUTIL_H */
