/* SPDX-License-Identifier: MIT */
/*
 * events.h - cluster events: every one is logged ("event: KIND ...") and,
 * when rgmd.conf sets event_command, that command runs with the event in
 * its environment (RGM_EVENT, RGM_NODE, RGM_GROUP, RGM_REASON,
 * RGM_LOCAL_NODE). Events: node_joined, node_left, quorum_gained,
 * quorum_lost, group_online, group_offline, group_start_failed,
 * group_stop_failed, group_failover (on the president: a group whose node
 * left is started on another); fencing (fence.h): fence_pending,
 * fence_failed, node_fenced (on the president), rgmd_gone.
 */
#ifndef RGM_EVENTS_H
#define RGM_EVENTS_H

/* node, group and reason may be NULL. */
void	event_emit(const char *kind, const char *node, const char *group,
	    const char *reason);

#endif /* RGM_EVENTS_H */
