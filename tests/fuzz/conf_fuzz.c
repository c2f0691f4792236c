// SPDX-License-Identifier: MIT
/*
 * conf_fuzz.c - libFuzzer target for rgmd.conf (rgmd/conf.c): each input
 * is written as a file and loaded with conf_load. Whatever the text, the
 * load either succeeds with every string setting NUL-terminated within
 * its buffer or fails with a message; ASan and UBSan watch the rest.
 * Built as $(B)/tests/fuzz/rgmd-conf, run by tests/fuzz/rgmd.sh.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "fuzz_util.h"

static void
terminated(const char *s, size_t size)
{
	if (memchr(s, '\0', size) == NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rgmd_conf c;
	char path[PATH_MAX], err[512];

	fuzz_write("rgmd.conf", data, size, path, sizeof(path));
	memset(&c, 0, sizeof(c));
	err[0] = '\0';
	if (conf_load(&c, path, err, sizeof(err)) == 0) {
		terminated(c.node_name, sizeof(c.node_name));
		terminated(c.state_dir, sizeof(c.state_dir));
		terminated(c.socket_path, sizeof(c.socket_path));
		terminated(c.runner, sizeof(c.runner));
		if (c.n_rt_path > CONF_MAX_RT_PATH)
			abort();
		for (size_t i = 0; i < c.n_rt_path; i++)
			if (c.rt_path[i] == NULL)
				abort();
	} else if (err[0] == '\0') {
		abort();	/* a refusal always says why */
	}
	conf_free(&c);
	return 0;
}
