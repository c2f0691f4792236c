/* SPDX-License-Identifier: MIT */
/*
 * fuzz_util.h - helpers shared by rgmd's libFuzzer targets (tests/fuzz/
 * *_fuzz.c): a scratch directory made once per run and removed at exit,
 * and writing one input into a file there for the loaders that read
 * files (RTR files, rgmd.conf).
 */
#ifndef RGM_FUZZ_UTIL_H
#define RGM_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The scratch directory (made on first use; aborts on failure). */
const char *fuzz_dir(void);
/* Write data to fuzz_dir()/name with mode 0644; the path goes to out. */
void	fuzz_write(const char *name, const uint8_t *data, size_t size,
	    char *out, size_t outlen);
/* A NUL-terminated malloc'd copy of data (aborts on ENOMEM). */
char	*fuzz_strndup(const uint8_t *data, size_t size);

#endif
