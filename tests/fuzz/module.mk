# SPDX-License-Identifier: MIT
# Build rules for rgmd's libFuzzer targets (included by tests/module.mk):
#   $(B)/tests/fuzz/rgmd-ccr     the configuration loader (ccr_store.c)
#   $(B)/tests/fuzz/rgmd-rtr     the RTR file loader (rtr.c)
#   $(B)/tests/fuzz/rgmd-conf    rgmd.conf (conf.c)
#   $(B)/tests/fuzz/rgmd-ctlmsg  the control message codec (ctlmsg.c)
# Always clang with libFuzzer, ASan and UBSan, whatever SANITIZE says; the
# rgmd logic library is compiled once for them into $(B)/fuzzobj/. Run by
# tests/fuzz/rgmd.sh (RGM_FUZZ_SECONDS per target).

FUZZ_CC ?= clang
RGMD_FUZZ_FLAGS := -g -O1 -std=gnu11 -Irgmd -Idsdl -Itests/fuzz \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer $(PATHDEFS)
RGMD_FUZZ_OBJS := $(RGMD_LIB_SRCS:%.c=$(B)/fuzzobj/%.o) \
	$(B)/fuzzobj/tests/fuzz/fuzz_util.o
RGMD_FUZZ_NAMES := ccr rtr conf ctlmsg

$(B)/fuzzobj/%.o: %.c $(PATHSTAMP) | $(B)/.deps-ok
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(RGMD_FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP \
		-c -o $@ $<

$(B)/tests/fuzz/rgmd-%: tests/fuzz/%_fuzz.c $(RGMD_FUZZ_OBJS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(RGMD_FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< \
		$(RGMD_FUZZ_OBJS) -lconfig

ALL += $(RGMD_FUZZ_NAMES:%=$(B)/tests/fuzz/rgmd-%)
# Kept between builds (a pattern-rule chain would delete them).
.SECONDARY: $(RGMD_FUZZ_OBJS)
