# SPDX-License-Identifier: MIT
# Build rules for rgmd's libFuzzer targets (included by tests/module.mk):
#   $(B)/tests/fuzz/rgmd-ccr     the configuration loader (ccr_store.c)
#   $(B)/tests/fuzz/rgmd-rtr     the RTR file loader (rtr.c)
#   $(B)/tests/fuzz/rgmd-conf    rgmd.conf (conf.c)
#   $(B)/tests/fuzz/rgmd-ctlmsg  the control message codec (ctlmsg.c)
#   $(B)/tests/fuzz/rgmd-repl    messages from other nodes (repl_msg.c, repl.c)
# Always clang with libFuzzer, ASan and UBSan, whatever SANITIZE says; the
# rgmd logic library is compiled once for them into $(B)/fuzzobj/. Run by
# tests/fuzz/rgmd.sh (RGM_FUZZ_SECONDS per target).

FUZZ_CC ?= clang
RGMD_FUZZ_FLAGS := -g -O1 -std=gnu11 -Irgmd -Idsdl -Itests/fuzz \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer $(PATHDEFS)
# The logic is linked as an archive: a target pulls in only what its loader
# needs (not the engine, which wants the event loop and the launcher).
RGMD_FUZZ_OBJS := $(RGMD_LIB_SRCS:%.c=$(B)/fuzzobj/%.o)
RGMD_FUZZ_LIB := $(B)/fuzzobj/librgmd-fuzz.a
RGMD_FUZZ_UTIL := $(B)/fuzzobj/tests/fuzz/fuzz_util.o
RGMD_FUZZ_NAMES := ccr rtr conf ctlmsg repl

$(B)/fuzzobj/%.o: %.c $(PATHSTAMP) | $(B)/.deps-ok
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(RGMD_FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
		-c -o $@ $<

$(RGMD_FUZZ_LIB): $(RGMD_FUZZ_OBJS)
	rm -f $@ && ar rcs $@ $^

$(B)/tests/fuzz/rgmd-%: tests/fuzz/%_fuzz.c $(RGMD_FUZZ_UTIL) $(RGMD_FUZZ_LIB)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(RGMD_FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< \
		$(RGMD_FUZZ_UTIL) $(RGMD_FUZZ_LIB) -lconfig -lz -ljansson

ALL += $(RGMD_FUZZ_NAMES:%=$(B)/tests/fuzz/rgmd-%)
# Kept between builds (a pattern-rule chain would delete them).
.SECONDARY: $(RGMD_FUZZ_OBJS) $(RGMD_FUZZ_UTIL)
