/* SPDX-License-Identifier: MIT */
/*
 * control.h - the control socket of rgmd (protocol in ctlmsg.h).
 */
#ifndef RGM_CONTROL_H
#define RGM_CONTROL_H

#include <stdbool.h>
#include <sys/types.h>

/* Listen on path (mode 0666: reads are for everyone). */
int	control_listen(const char *path, bool has_admin_gid, gid_t admin_gid);
void	control_close(void);

#endif
