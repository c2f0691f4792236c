// SPDX-License-Identifier: MIT
/*
 * repl_msg.c - codec of the messages between rgmd nodes (see repl_msg.h).
 * The same rules are checked when a header is written and when a message
 * is read, so a node never sends what its peers would refuse. Run by
 * rgmd's event loop when it sends and when corosync delivers.
 */
#include <stdio.h>
#include <string.h>

#include "repl_msg.h"

static const char *const type_names[] = {
	[REPL_HELLO] = "HELLO", [REPL_CHANGE] = "CHANGE",
	[REPL_XFER] = "XFER", [REPL_STATE] = "STATE",
};

const char *
repl_type_name(unsigned int type)
{
	if (type >= REPL_HELLO && type <= REPL_STATE)
		return type_names[type];
	return "unknown";
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void
put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void
put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
get32(const uint8_t *p)
{
	uint32_t v = 0;

	for (int i = 3; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint64_t
get64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/*
 * The rules of a message, shared by the writer and the reader: known
 * type, node id set, payload size and parts as the type wants them, no
 * NUL in a payload.
 */
static int
check_msg(const struct repl_msg *m, char *err, size_t errlen)
{
	const char *t = repl_type_name(m->type);

	if (strcmp(t, "unknown") == 0) {
		snprintf(err, errlen, "unknown message type %u",
		    (unsigned int)m->type);
		return -1;
	}
	if (m->origin == 0) {
		snprintf(err, errlen, "%s: origin node id 0", t);
		return -1;
	}
	if (m->len > (m->type == REPL_CHANGE ? REPL_MAX_CHANGE :
	    REPL_MAX_PAYLOAD)) {
		snprintf(err, errlen, "%s: payload of %zu bytes exceeds %d",
		    t, m->len, m->type == REPL_CHANGE ? REPL_MAX_CHANGE :
		    REPL_MAX_PAYLOAD);
		return -1;
	}
	if (m->len > 0 && memchr(m->payload, '\0', m->len) != NULL) {
		snprintf(err, errlen, "%s: NUL byte in the payload", t);
		return -1;
	}
	switch (m->type) {
	case REPL_HELLO:
		if (m->len != 0 || m->part != 0 || m->parts != 0) {
			snprintf(err, errlen, "HELLO: payload or parts set");
			return -1;
		}
		return 0;
	case REPL_CHANGE:
		if (m->len == 0) {
			snprintf(err, errlen, "CHANGE: empty request");
			return -1;
		}
		break;
	case REPL_XFER:
		if (m->parts == 0 || m->parts > REPL_MAX_PARTS ||
		    m->part >= m->parts) {
			snprintf(err, errlen, "XFER: part %u of %u (at most %d "
			    "parts)", m->part, m->parts, REPL_MAX_PARTS);
			return -1;
		}
		return 0;
	case REPL_STATE:
		break;
	}
	if (m->part != 0 || m->parts != 1) {
		snprintf(err, errlen, "%s: part %u of %u (one part only)", t,
		    m->part, m->parts);
		return -1;
	}
	return 0;
}

int
repl_msg_header(const struct repl_msg *m, uint8_t hdr[REPL_HDR_LEN],
    char *err, size_t errlen)
{
	if (check_msg(m, err, errlen) == -1)
		return -1;
	put32(hdr, REPL_MAGIC);
	put16(hdr + 4, REPL_VERSION);
	put16(hdr + 6, (uint16_t)m->type);
	put32(hdr + 8, m->origin);
	put32(hdr + 12, m->part);
	put32(hdr + 16, m->parts);
	put32(hdr + 20, (uint32_t)m->len);
	put64(hdr + 24, m->id);
	put64(hdr + 32, m->generation);
	put64(hdr + 40, m->checksum);
	return 0;
}

int
repl_msg_decode(const void *buf, size_t len, struct repl_msg *m, char *err,
    size_t errlen)
{
	const uint8_t *p = buf;
	uint32_t plen;

	if (len < REPL_HDR_LEN) {
		snprintf(err, errlen, "message of %zu bytes is shorter than "
		    "the %d-byte header", len, REPL_HDR_LEN);
		return -1;
	}
	if (get32(p) != REPL_MAGIC) {
		snprintf(err, errlen, "not an rgmd message (bad magic)");
		return -1;
	}
	if (get16(p + 4) != REPL_VERSION) {
		snprintf(err, errlen, "protocol version %u, this rgmd speaks "
		    "%d", get16(p + 4), REPL_VERSION);
		return -1;
	}
	plen = get32(p + 20);
	if (plen != len - REPL_HDR_LEN) {
		snprintf(err, errlen, "payload length %u does not match the "
		    "%zu bytes after the header", plen, len - REPL_HDR_LEN);
		return -1;
	}
	m->type = get16(p + 6);
	m->origin = get32(p + 8);
	m->part = get32(p + 12);
	m->parts = get32(p + 16);
	m->id = get64(p + 24);
	m->generation = get64(p + 32);
	m->checksum = get64(p + 40);
	m->payload = (const char *)p + REPL_HDR_LEN;
	m->len = plen;
	return check_msg(m, err, errlen);
}
