/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* main.c - the xovnctl binary: everything happens in ctl_main (cli.c). */
#include "ctl.h"

int main(int argc, char **argv)
{
	return ctl_main(argc, argv);
}
