/* SPDX-License-Identifier: MIT */
/*
 * notify.h - rgmd's readiness and stopping notices to the service manager
 * (systemd's Type=notify, see notify.c).
 */
#ifndef RGM_NOTIFY_H
#define RGM_NOTIFY_H

void	notify_ready(const char *node, const char *socket);
void	notify_stopping(void);

#endif
