/* SPDX-License-Identifier: MIT */
/*
 * channel.h - rgmd's end of the channel a method runner gets on fd 4
 * (protocol in dsdl(3) and the head of channel.c).
 */
#ifndef RGM_CHANNEL_H
#define RGM_CHANNEL_H

struct channel;

/* A channel for a method of resource res; *child_fd is the end for the
 * runner (close it in rgmd once the runner is started). */
struct channel	*channel_open(const char *res, int *child_fd);
/* The runner has ended: close once no reply is pending. */
void		 channel_release(struct channel *ch);

#endif
