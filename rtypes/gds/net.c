/* SPDX-License-Identifier: MIT */
/*
 * net.c - the network side of SUNW.gds: parsing the standard property
 * Port_list ("8080/tcp", "53/udp", "443/tcp6"; a bare port means tcp;
 * an element may also hold several entries separated by commas) and
 * checking with dsdl_tcp_connect that a TCP port accepts connections on
 * the loopback address (127.0.0.1, or ::1 for tcp6). Runs in the method
 * runner (start, probe and validate of SUNW.gds).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gds.h"

static int
parse_proto(const char *s, size_t len, enum gds_proto *out)
{
	static const struct {
		const char	*name;
		enum gds_proto	 proto;
	} protos[] = {
		{ "tcp", GDS_TCP }, { "tcp6", GDS_TCP6 },
		{ "udp", GDS_UDP }, { "udp6", GDS_UDP6 },
	};
	size_t i;

	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		if (strlen(protos[i].name) == len &&
		    strncasecmp(protos[i].name, s, len) == 0) {
			*out = protos[i].proto;
			return 0;
		}
	}
	return -1;
}

/* One entry "PORT[/PROTO]" of length len. */
static int
parse_entry(const char *s, size_t len, struct gds_port *out)
{
	char num[8];
	const char *slash = memchr(s, '/', len);
	size_t nlen = slash != NULL ? (size_t)(slash - s) : len;
	char *end;
	long v;

	if (nlen == 0 || nlen >= sizeof(num))
		return -1;
	memcpy(num, s, nlen);
	num[nlen] = '\0';
	v = strtol(num, &end, 10);
	if (*end != '\0' || v < 1 || v > 65535)
		return -1;
	out->port = (int)v;
	out->proto = GDS_TCP;
	if (slash == NULL)
		return 0;
	return parse_proto(slash + 1, len - nlen - 1, &out->proto);
}

/* Split one element on commas and append its entries. */
static int
parse_element(const struct dsdl *h, const char *elem, struct gds_port *ports,
    size_t max, size_t *n)
{
	const char *p = elem, *comma;
	size_t len;

	while (*p != '\0') {
		comma = strchr(p, ',');
		len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		if (*n == max) {
			dsdl_log(h, LOG_ERR, "Port_list: more than %zu ports",
			    max);
			errno = E2BIG;
			return -1;
		}
		if (parse_entry(p, len, &ports[*n]) == -1) {
			dsdl_log(h, LOG_ERR, "Port_list: \"%.*s\" is not "
			    "PORT/PROTOCOL (1..65535, tcp, tcp6, udp, udp6)",
			    (int)len, p);
			errno = EINVAL;
			return -1;
		}
		(*n)++;
		p += len + (comma != NULL);
	}
	return 0;
}

/*
 * The resource's Port_list. No property, or an empty one, gives 0 ports.
 * Bad entries are logged and give -1 with EINVAL.
 */
int
gds_port_list(const struct dsdl *h, struct gds_port *ports, size_t max,
    size_t *count)
{
	const char *const *v;
	size_t i, nv;

	*count = 0;
	if (dsdl_get_strarray(h, DSDL_RESOURCE, "Port_list", &v, &nv) == -1) {
		if (errno == ENOENT)
			return 0;
		dsdl_log(h, LOG_ERR, "Port_list: not a list of strings");
		return -1;
	}
	for (i = 0; i < nv; i++)
		if (parse_element(h, v[i], ports, max, count) == -1)
			return -1;
	return 0;
}

/* 0 when a TCP connection to the port on loopback is accepted in time. */
int
gds_tcp_connect(const struct gds_port *p, int timeout_ms)
{
	return dsdl_tcp_connect(p->proto == GDS_TCP6 ? "::1" : "127.0.0.1",
	    p->port, timeout_ms);
}

/* Check every TCP port; UDP ones cannot be checked this way. */
int
gds_tcp_check_all(const struct gds_port *ports, size_t n, int timeout_ms,
    const struct gds_port **failed)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ports[i].proto != GDS_TCP && ports[i].proto != GDS_TCP6)
			continue;
		if (gds_tcp_connect(&ports[i], timeout_ms) == -1) {
			if (failed != NULL)
				*failed = &ports[i];
			return -1;
		}
	}
	return 0;
}
