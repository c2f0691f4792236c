/* SPDX-License-Identifier: MIT */
/*
 * conf.h - rgmd.conf(5): the daemon's own settings (libconfig syntax).
 */
#ifndef RGM_CONF_H
#define RGM_CONF_H

#include <stddef.h>

#define CONF_MAX_RT_PATH 16

/* The control socket's clients (rgmd.conf(5), control.c). */
#define CONF_DEF_MAX_CLIENTS	64
#define CONF_DEF_ROOT_RESERVE	8
#define CONF_DEF_CONTROL_TIMEOUT 10	/* seconds */
#define CONF_MAX_CLIENTS	65536
/* Fencing (rgmd.conf(5), fence.c). */
#define CONF_DEF_FENCE_TIMEOUT	60	/* seconds a fence_command may run */
#define CONF_DEF_REJOIN_TIMEOUT	60	/* seconds to wait for a dead rgmd */

struct rgmd_conf {
	char	node_name[64];
	char	state_dir[256];
	char	socket_path[108];
	char	runner[256];
	char	admin_group[64];
	char	membership[32];
	char	pmf_cgroup[256];	/* "" auto, "none", or a directory */
	char	hard_action[256];	/* command for Failover_mode HARD */
	char	no_quorum_policy[16];	/* "stop" or "freeze" */
	char	event_command[256];	/* run at each cluster event */
	char	fence_command[256];	/* "" none: a node that left is dead */
	unsigned int fence_timeout;	/* seconds, then the attempt failed */
	unsigned int rgmd_rejoin_timeout; /* seconds, then fence the node */
	char	*rt_path[CONF_MAX_RT_PATH];
	size_t	n_rt_path;
	/* Control socket: connections at once, how many of them only root
	 * may use, seconds to send a request and then to read a reply. */
	unsigned int control_max_clients;
	unsigned int control_root_reserve;
	unsigned int control_timeout;
};

/* Defaults, then the file when path is not NULL (a missing file given
 * explicitly is an error). Returns -1 with a reason in err that names
 * the file, the line and the setting. */
int	conf_load(struct rgmd_conf *c, const char *path, char *err,
	    size_t errlen);
void	conf_free(struct rgmd_conf *c);
/* Print the effective configuration in rgmd.conf syntax (rgmd -n). */
void	conf_print(const struct rgmd_conf *c);

#endif
