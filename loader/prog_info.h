/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * prog_info.h - what the kernel says about a loaded BPF program.
 */
#ifndef XOVND_PROG_INFO_H
#define XOVND_PROG_INFO_H

#include <stdint.h>

#include <bpf/bpf.h>

/* The kernel's record of the program behind fd.  0 ok, -1 with errno. */
int prog_info_get(int fd, struct bpf_prog_info *info);
/* Its id (what TC and XDP queries report).  0 ok, -1 with errno. */
int prog_id_of(int fd, uint32_t *id);

#endif /* XOVND_PROG_INFO_H */
