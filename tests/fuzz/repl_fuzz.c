// SPDX-License-Identifier: MIT
/*
 * repl_fuzz.c - libFuzzer target for what other nodes send to rgmd: the
 * replication codec (rgmd/repl_msg.c) and the engine that consumes it
 * (rgmd/repl.c). Each input is split into messages (a 2-byte length
 * before each); every message is decoded (what decodes must encode to the
 * same header) and delivered, as from node 2, to an engine of node 1 in a
 * two-node group whose configuration is a string. The engine must never
 * crash, leak or read past a message, whatever arrives. Built with ASan
 * and UBSan as $(B)/tests/fuzz/rgmd-repl, run by tests/fuzz/rgmd.sh.
 */
#include <stdlib.h>
#include <string.h>

#include "repl.h"

static char *conf;
static size_t conf_len;
static uint64_t gen;

static int
f_send(void *arg, const struct iovec *iov, int n)
{
	(void)arg;
	(void)iov;
	(void)n;
	return 0;
}

static uint64_t
f_gen(void *arg)
{
	(void)arg;
	return gen;
}

static uint64_t
f_sum(void *arg)
{
	(void)arg;
	return conf_len;
}

static char *
f_dump(void *arg, size_t *len)
{
	(void)arg;
	*len = conf_len;
	return strndup(conf ? conf : "", conf_len);
}

static void
replace(const char *text, size_t len)
{
	free(conf);
	conf = strndup(text, len);
	conf_len = conf ? len : 0;
}

static int
f_install(void *arg, const char *text, size_t len, uint64_t g, uint64_t sum,
    char *err, size_t errlen)
{
	(void)arg;
	(void)sum;
	(void)err;
	(void)errlen;
	replace(text, len);
	gen = g;
	return 0;
}

static int
f_apply(void *arg, uint32_t origin, const char *req, size_t len, char *err,
    size_t errlen)
{
	(void)arg;
	(void)origin;
	(void)err;
	(void)errlen;
	replace(req, len);
	gen++;
	return 0;
}

static void
f_done(void *arg, uint64_t id, enum repl_outcome o, const char *reason)
{
	(void)arg;
	(void)id;
	(void)o;
	(void)reason;
}

static const struct repl_ops ops = {
	.send = f_send, .generation = f_gen, .checksum = f_sum,
	.dump = f_dump, .install = f_install, .apply = f_apply,
	.done = f_done,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t members[] = { 1, 2 };
	struct repl r;
	struct repl_msg m;
	uint8_t hdr[REPL_HDR_LEN];
	char err[256];
	uint64_t id;

	gen = 0;
	replace("", 0);
	repl_init(&r, 1, &ops, NULL);
	repl_set_quorate(&r, true);
	repl_confchg(&r, members, 2);
	repl_submit(&r, "x", 1, &id, err, sizeof(err));
	while (size >= 2) {
		size_t n = (size_t)(data[0] | data[1] << 8);

		data += 2;
		size -= 2;
		if (n > size)
			n = size;
		if (repl_msg_decode(data, n, &m, err, sizeof(err)) == 0) {
			if (repl_msg_header(&m, hdr, err, sizeof(err)) != 0 ||
			    memcmp(hdr, data, REPL_HDR_LEN) != 0)
				abort();
		}
		repl_deliver(&r, 2, data, n);
		data += n;
		size -= n;
	}
	repl_down(&r);
	repl_free(&r);
	return 0;
}
