/* SPDX-License-Identifier: MIT */
/*
 * ctlmsg.h - the control protocol between the CLI (scrgadm, scswitch,
 * scstat) and rgmd, and its codec. Compiled into rgmd and into the CLI.
 *
 * Transport: a SOCK_STREAM UNIX socket ($RGMD_SOCKET, else the default
 * path). The client writes one request and shuts down its write side; rgmd
 * reads to end of file (at most CTL_MAX_REQUEST bytes), answers with one
 * reply and closes. The client has control_timeout seconds (rgmd.conf) to
 * send its request and as many to read the reply; rgmd closes it then. A
 * client over the connection limit gets "error" and "rgmd: too many
 * clients" at once. A client that closes without sending anything gets
 * nothing.
 *
 * A message is text: lines "key=value\n". A key is [a-z_]+; a value is any
 * bytes but NUL and newline. Keys may repeat (node=, group=, y=, ...).
 *
 * Request: the first line is cmd=COMMAND. Commands and their keys
 * ([] optional, * repeatable):
 *   print        [verbose=0|1|2] [type=T] [group=G] [resource=R]   scrgadm -p
 *   type-add     type=T [rtr=PATH] [node=N]*                        scrgadm -a -t
 *   type-change  type=T [node=N]* [y=Prop=Val]*                     scrgadm -c -t
 *   type-remove  type=T                                              scrgadm -r -t
 *   group-add    group=G [node=N]* [y=Prop=Val]*                    scrgadm -a -g
 *   group-change group=G [node=N]* [y=Prop=Val]*                    scrgadm -c -g
 *   group-remove group=G                                             scrgadm -r -g
 *   resource-add resource=R type=T group=G [y=P=V]* [x=P=V]*        scrgadm -a -j
 *   resource-change resource=R [y=P=V]* [x=P=V]*                    scrgadm -c -j
 *   resource-remove resource=R                                       scrgadm -r -j
 *   online       [group=G]*              manage, enable, online      scswitch -Z
 *   switch       group=G* [node=N]*      switch to nodes             scswitch -z
 *   offline      group=G*                offline everywhere          scswitch -F
 *   enable       resource=R* [monitor=1] [node=N]*                   scswitch -e [-M]
 *   disable      resource=R* [monitor=1] [node=N]*                   scswitch -n [-M]
 *   clear        resource=R* node=N* flag=STOP_FAILED                scswitch -c
 *   unmanage     group=G*                                            scswitch -u
 *   manage       group=G*                                            scswitch -o
 *   restart      group=G* [node=N]*                                  scswitch -R
 *   status       [groups=1] [nodes=1] [quorum=1] [verbose=N] [node=N]  scstat
 *   get          of=resource|group|type|cluster tag=TAG [resource=R]
 *                [group=G] [type=T] [arg=A]*    scha_*_get (cmd_get.c)
 *   scha-control tag=TAG group=G resource=R     scha_control
 *   set-status   resource=R [group=G] status=S [msg=M]
 *                                               scha_resource_setstatus
 * scrgadm -a -L / -S (LogicalHostname, SharedAddress) become resource-add
 * with type=SUNW.LogicalHostname / SUNW.SharedAddress and
 * x=HostnameList=h1,h2 (and x=NetIfList=..., x=AuxNodeList=...).
 *
 * print, status and get are open to every local user; the others need a
 * privileged peer (root or the admin group of rgmd.conf).
 *
 * Reply: the first line is "ok", "error CODE" or "error"; every further
 * line is text for the user (stdout after ok, stderr after error). CODE is
 * the decimal scha_err_t of the refusal (1..255, rgmd/scha_err.h: 12 an
 * unknown group, 13 an unknown or already registered type, ...), which the
 * CLI takes as its exit status; a bare "error" (a peer that predates the
 * codes, or a refusal of no known class) stands for SCHA_ERR_INTERNAL, 18.
 * A client that only knows "ok" and "error" still sees a refusal when it
 * compares the first word.
 */
#ifndef RGM_CTLMSG_H
#define RGM_CTLMSG_H

#include <stdbool.h>
#include <stddef.h>

#define CTL_MAX_REQUEST	(64 * 1024)
#define CTL_MAX_FIELDS	256

struct ctl_field {
	char	*key;
	char	*val;
};

struct ctl_msg {
	size_t		 n;
	struct ctl_field f[CTL_MAX_FIELDS];
};

void	 ctl_msg_init(struct ctl_msg *m);
void	 ctl_msg_free(struct ctl_msg *m);
/* Append key=val; -1 with EINVAL (bad key/value) or ENOSPC (too many). */
int	 ctl_msg_add(struct ctl_msg *m, const char *key, const char *val);
/* First value of key, or NULL. */
const char *ctl_msg_get(const struct ctl_msg *m, const char *key);
/* Iterate over values of key: start with *pos = 0; NULL at the end. */
const char *ctl_msg_next(const struct ctl_msg *m, const char *key, size_t *pos);
size_t	 ctl_msg_count(const struct ctl_msg *m, const char *key);
/* Encode into a malloc'd NUL-terminated string; NULL on ENOMEM. */
char	*ctl_msg_encode(const struct ctl_msg *m, size_t *len);
/* Parse len bytes; on error -1 and a reason in err. */
int	 ctl_msg_parse(struct ctl_msg *m, const char *buf, size_t len,
	    char *err, size_t errlen);

#endif /* RGM_CTLMSG_H */
