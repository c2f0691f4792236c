// SPDX-License-Identifier: MIT
/*
 * rtr_fuzz.c - libFuzzer target for the RTR file loader (rgmd/rtr.c):
 * each input is written as an RTR file and loaded with rtr_load. A load
 * either fails with a message or gives a type whose declarations are
 * consistent (names set, defaults within their limits); ASan and UBSan
 * watch the rest. Built as $(B)/tests/fuzz/rgmd-rtr, run by
 * tests/fuzz/rgmd.sh.
 */
#include <limits.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "rtr.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rt t;
	char path[PATH_MAX], err[512];

	fuzz_write("T.rtr", data, size, path, sizeof(path));
	err[0] = '\0';
	if (rtr_load(path, 1, &t, err, sizeof(err)) == -1) {
		if (err[0] == '\0' || t.name != NULL || t.decls != NULL)
			abort();
		return 0;
	}
	if (t.name == NULL || t.module == NULL || t.rtr_path == NULL ||
	    t.api_version != 1)
		abort();
	for (size_t i = 0; i < t.n_decls; i++) {
		const struct prop_decl *d = &t.decls[i];

		if (d->name == NULL || rt_find_decl(&t, d->name) != d ||
		    (d->has_default && prop_check(d, &d->def, err,
		    sizeof(err)) == -1))
			abort();
	}
	rt_free(&t);
	return 0;
}
