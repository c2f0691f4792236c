/* SPDX-License-Identifier: MIT */
/*
 * rgmd.h - the daemon's shared state; it lives in state.h (its one owner).
 * Kept so that a file including rgmd.h sees the state as before.
 */
#ifndef RGM_RGMD_H
#define RGM_RGMD_H

#include "state.h"

#endif
