/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* main.c - the xovnctl binary: everything happens in ctl_main (cli.c). */
#include "ctl.h"
#include "util/heap.h"

int main(int argc, char **argv)
{
	xovn_heap_use_huge_pages();
	return ctl_main(argc, argv);
}
