/* SPDX-License-Identifier: MIT */
/*
 * resolve.c - the resolver of SUNW.LogicalHostname: getaddrinfo(3) for
 * IPv4 and IPv6, so the names come from what nsswitch.conf says (the
 * hosts file, DNS, ...). A literal address is taken as it is. Runs in
 * the method runner (Validate, Start, Stop without a record).
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

#include "lh.h"

static void
from_sockaddr(const struct sockaddr *sa, struct lh_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->family = sa->sa_family;
	if (sa->sa_family == AF_INET)
		memcpy(a->bytes, &((const struct sockaddr_in *)(const void *)
		    sa)->sin_addr, 4);
	else
		memcpy(a->bytes, &((const struct sockaddr_in6 *)(const void *)
		    sa)->sin6_addr, 16);
	inet_ntop(a->family, a->bytes, a->text, sizeof(a->text));
}

int
lh_resolve(const char *name, struct lh_addr *out, size_t max, size_t *n,
    const char **why)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
	    .ai_socktype = SOCK_STREAM }, *res = NULL, *ai;
	int rc;

	*n = 0;
	if (max > 0 && lh_addr_from_text(name, &out[0]) == 0) {
		*n = 1;
		return 0;
	}
	if ((rc = getaddrinfo(name, NULL, &hints, &res)) != 0) {
		*why = gai_strerror(rc);
		return -1;
	}
	for (ai = res; ai != NULL && *n < max; ai = ai->ai_next) {
		struct lh_addr a;
		bool dup = false;

		if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
			continue;
		from_sockaddr(ai->ai_addr, &a);
		for (size_t i = 0; i < *n; i++)
			dup = dup || lh_addr_equal(&out[i], &a);
		if (!dup)
			out[(*n)++] = a;
	}
	freeaddrinfo(res);
	if (*n == 0) {
		*why = "no IPv4 or IPv6 address";
		return -1;
	}
	return 0;
}
