// SPDX-License-Identifier: MIT
/*
 * weights.c - parse and print Sun-style weight strings "3@1,1@2" and node
 * lists "1,2,3" (control thread; used by the config file and the control
 * socket). A bare weight "w" without "@node" is refused: the node must be
 * named. Errors name the offending piece and why.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"

/* A decimal number of at most max at *sp, which moves past it. */
static int num(const char **sp, unsigned long max, unsigned long *v)
{
	const char *s = *sp;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoul(s, &end, 10);
	if (errno || *v > max)
		return -1;
	*sp = end;
	return 0;
}

/* "bad weights S at offset N: WHY" into err; -1 with errno EINVAL. */
static int seterr(char *err, size_t errlen, const char *s, const char *at,
		  const char *why)
{
	snprintf(err, errlen, "bad weights \"%s\" at offset %d: %s", s,
		 (int)(at - s), why);
	errno = EINVAL;
	return -1;
}

/* "W@NODE,..." into at most max entries of w, no node twice. */
int pdt_weights_parse(const char *s, struct pdt_weight *w, unsigned max,
		      unsigned *n, char *err, size_t errlen)
{
	const char *p = s;
	unsigned long wt, id;

	*n = 0;
	if (!*p)
		return seterr(err, errlen, s, p, "empty");
	for (;;) {
		if (num(&p, 1000000, &wt))
			return seterr(err, errlen, s, p,
				      "expected a weight 0..1000000");
		if (*p != '@')
			return seterr(err, errlen, s, p, "expected '@node'");
		p++;
		if (num(&p, PDT_MAX_NODE_ID, &id) || id == 0)
			return seterr(err, errlen, s, p,
				      "expected a node id 1..1023");
		for (unsigned i = 0; i < *n; i++)
			if (w[i].node == id)
				return seterr(err, errlen, s, p,
					      "node given twice");
		if (*n == max)
			return seterr(err, errlen, s, p, "too many nodes");
		w[*n].node = (uint16_t)id;
		w[*n].weight = (uint32_t)wt;
		(*n)++;
		if (!*p)
			return 0;
		if (*p != ',')
			return seterr(err, errlen, s, p, "expected ','");
		p++;
	}
}

/* "NODE,..." into at most max ids; "" is the empty list. */
int pdt_nodelist_parse(const char *s, uint16_t *ids, unsigned max,
		       unsigned *n, char *err, size_t errlen)
{
	const char *p = s;
	unsigned long id;

	*n = 0;
	if (!*p)
		return 0;
	for (;;) {
		if (num(&p, PDT_MAX_NODE_ID, &id) || id == 0) {
			snprintf(err, errlen, "bad node list \"%s\": expected "
				 "a node id 1..1023 at offset %d", s,
				 (int)(p - s));
			errno = EINVAL;
			return -1;
		}
		if (*n == max) {
			snprintf(err, errlen,
				 "bad node list \"%s\": too many nodes", s);
			errno = EINVAL;
			return -1;
		}
		ids[(*n)++] = (uint16_t)id;
		if (!*p)
			return 0;
		if (*p != ',') {
			snprintf(err, errlen, "bad node list \"%s\": expected "
				 "',' at offset %d", s, (int)(p - s));
			errno = EINVAL;
			return -1;
		}
		p++;
	}
}

/* The weights back as text ("3@1,1@2"); -1 (ENOSPC) if it is cut. */
int pdt_weights_format(const struct pdt_weight *w, unsigned n, char *buf,
		       size_t len)
{
	size_t o = 0;

	if (len)
		buf[0] = 0;
	for (unsigned i = 0; i < n; i++) {
		int r = snprintf(buf + o, len - o, "%s%u@%u", i ? "," : "",
				 w[i].weight, w[i].node);

		if (r < 0 || (size_t)r >= len - o) {
			errno = ENOSPC;
			return -1;
		}
		o += (size_t)r;
	}
	return 0;
}
