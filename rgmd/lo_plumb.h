/* SPDX-License-Identifier: MIT */
/*
 * lo_plumb.h - on a node where an instance of a scalable resource runs,
 * the addresses of its SharedAddress resources on lo, so the instance
 * accepts the packets pdt forwards to the node and answers the client
 * directly, with arp_ignore=1 and arp_announce=2 (all, lo and the public
 * interface) so the node never answers ARP for them. Added before the
 * instance's Start, removed once no instance using them is up here.
 * Daemon only (libnl-route-3); called through wiring.h.
 */
#ifndef RGM_LO_PLUMB_H
#define RGM_LO_PLUMB_H

/* Before a Prenet_start or Start of res (nothing when not scalable). */
void	lo_plumb_before_start(const char *res);
/* After a Stop ended or a Start failed: removes what no instance up
 * here needs any more. */
void	lo_plumb_after_stop(const char *res);

#endif /* RGM_LO_PLUMB_H */
