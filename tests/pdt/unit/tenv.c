// SPDX-License-Identifier: MIT
/*
 * tenv.c - the fixture of the pdt suites that dispatch packets (flow,
 * ports, frag, disp): a configuration loaded from text, its runtime
 * tables and worker 0, in the one struct tenv te the running suite uses
 * (CUnit runs one suite at a time).
 */
#include <stdlib.h>

#include "pdt.h"
#include "tenv.h"
#include "tpkt.h"

struct tenv te;

int tenv_setup(const char *conf)
{
	te.rt = tenv_rt(conf, &te.c);
	if (!te.rt)
		return -1;
	return pdt_worker_init(&te.w, 0, te.c);
}

int tenv_teardown(void)
{
	pdt_worker_fini(&te.w);
	pdt_rt_free(te.rt);
	free(te.c);
	return 0;
}
