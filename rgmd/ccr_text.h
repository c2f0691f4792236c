/* SPDX-License-Identifier: MIT */
/*
 * ccr_text.h - the configuration repository as one text (the libconfig
 * rendering that ccr.cfg also holds) and its checksum: what nodes compare
 * and send each other. Rendering a parsed text gives the same text again,
 * so every node that takes a text holds the same bytes and checksum.
 */
#ifndef RGM_CCR_TEXT_H
#define RGM_CCR_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "ccr.h"

/* The text of c (malloc'd, NUL-terminated) and its length; NULL ENOMEM. */
char	*ccr_text(const struct ccr *c, size_t *len);
/* A repository from a text (RTR files read with the ABI version api);
 * NULL with a reason naming the line. */
struct ccr *ccr_parse_text(const char *text, int api, char *err,
	    size_t errlen);
/* Checksum of a text: CRC-32 (zlib) in the low half, length in the high. */
uint64_t ccr_text_checksum(const char *text, size_t len);
/* Checksum of the text of c; 0 when it cannot be rendered. */
uint64_t ccr_checksum(const struct ccr *c);

#endif /* RGM_CCR_TEXT_H */
