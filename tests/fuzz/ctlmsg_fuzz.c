// SPDX-License-Identifier: MIT
/*
 * ctlmsg_fuzz.c - libFuzzer target for the control message codec
 * (rgmd/ctlmsg.c), the first code that sees what any local user sends to
 * rgmd's socket. Each input is one request given to ctl_msg_parse; what
 * parses must encode and parse back to the same fields. Built with ASan
 * and UBSan as $(B)/tests/fuzz/rgmd-ctlmsg, run by tests/fuzz/rgmd.sh.
 */
#include <stdlib.h>
#include <string.h>

#include "ctlmsg.h"
#include "fuzz_util.h"

static struct ctl_msg a, b;

static void
same(const struct ctl_msg *x, const struct ctl_msg *y)
{
	if (x->n != y->n)
		abort();
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->f[i].key, y->f[i].key) != 0 ||
		    strcmp(x->f[i].val, y->f[i].val) != 0)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256], *enc;
	size_t len, pos = 0;

	if (ctl_msg_parse(&a, (const char *)data, size, err, sizeof(err)))
		return 0;
	if ((enc = ctl_msg_encode(&a, &len)) == NULL)
		abort();
	if (len > size + 1 || ctl_msg_parse(&b, enc, len, err, sizeof(err)))
		abort();
	same(&a, &b);
	/* Every field is reachable by its key. */
	for (size_t i = 0; i < a.n; i++) {
		pos = 0;
		if (ctl_msg_next(&a, a.f[i].key, &pos) == NULL ||
		    ctl_msg_count(&a, a.f[i].key) == 0)
			abort();
	}
	free(enc);
	ctl_msg_free(&a);
	ctl_msg_free(&b);
	return 0;
}
