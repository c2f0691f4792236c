# SPDX-License-Identifier: MIT
# Build rules for tests/ (included by the top GNUmakefile): the CUnit runner
# of the rgmd logic, $(B)/tests/unit/rgmd (sources in tests/unit/rgmd/, one
# suite per rgmd source file with logic), linked against librgmd-logic.a.

RGMD_UNIT_SRCS := $(wildcard tests/unit/rgmd/*.c)
RGMD_UNIT_OBJS := $(RGMD_UNIT_SRCS:%.c=$(B)/obj/%.o)

$(B)/obj/tests/unit/rgmd/%.o: CFLAGS += -Irgmd -Idsdl

$(B)/tests/unit/rgmd: $(RGMD_UNIT_OBJS) $(B)/lib/librgmd-logic.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(RGMD_UNIT_OBJS) $(B)/lib/librgmd-logic.a \
		-lconfig -lcunit

UNIT_BINS += $(B)/tests/unit/rgmd

include tests/fuzz/module.mk
