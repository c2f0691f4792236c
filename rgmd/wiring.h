/* SPDX-License-Identifier: MIT */
/*
 * wiring.h - registers, once at start-up, the engine's hooks, the
 * channel's request handlers and the monitor's actions (wiring.c).
 */
#ifndef RGM_WIRING_H
#define RGM_WIRING_H

void	wiring_setup(void);
/* Daemon-only work around a resource's methods (lo_plumb.c, which needs
 * libnl): before its Prenet_start or Start, after its Stop ended or its
 * Start failed. Set by rgmd.c; unset in the unit tests. */
struct wiring_plumb {
	void	(*before_start)(const char *res);
	void	(*after_stop)(const char *res);
};
void	wiring_set_plumb(const struct wiring_plumb *p);

#endif
