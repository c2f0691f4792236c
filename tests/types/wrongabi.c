/* SPDX-License-Identifier: MIT */
/*
 * wrongabi.c - TEST.wrongabi, a resource type for the tests whose callback
 * table claims ABI version DSDL_ABI_VERSION + 1. rgmd-runner must refuse it
 * (exit 122, naming the module, its version and the expected one), and
 * rgmd must refuse to register it. Its methods never run.
 */
#include "dsdl.h"

static int
succeed(struct dsdl *h)
{
	(void)h;
	return 0;
}

__attribute__((visibility("default")))
const struct dsdl_type_ops dsdl_type = {
	.abi_version = DSDL_ABI_VERSION + 1,
	.name = "TEST.wrongabi",
	.start = succeed,
	.stop = succeed,
};
