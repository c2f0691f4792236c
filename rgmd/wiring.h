/* SPDX-License-Identifier: MIT */
/*
 * wiring.h - registers, once at start-up, the engine's hooks, the
 * channel's request handlers and the monitor's actions (wiring.c).
 */
#ifndef RGM_WIRING_H
#define RGM_WIRING_H

void	wiring_setup(void);

#endif
