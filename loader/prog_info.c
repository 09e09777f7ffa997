// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog_info.c - what the kernel says about a loaded BPF program.
 */
#include <string.h>

#include "prog_info.h"

int prog_info_get(int fd, struct bpf_prog_info *info)
{
	uint32_t len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	return bpf_obj_get_info_by_fd(fd, info, &len) < 0 ? -1 : 0;
}

int prog_id_of(int fd, uint32_t *id)
{
	struct bpf_prog_info info;

	if (prog_info_get(fd, &info) < 0)
		return -1;
	*id = info.id;
	return 0;
}
