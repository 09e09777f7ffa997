/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * cleanup.h - xovnd --cleanup: take this chassis' datapath down.
 */
#ifndef XOVND_CLEANUP_H
#define XOVND_CLEANUP_H

/*
 * Detaches every recorded program (in this network namespace), then
 * removes every pin in pin_dir and the directory.  0 ok, 1 if something
 * could not be removed (logged).
 */
int cleanup_run(const char *pin_dir);

#endif /* XOVND_CLEANUP_H */
