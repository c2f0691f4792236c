# SPDX-License-Identifier: MIT
# Build rules for pdt/ (included by the top GNUmakefile): the packet
# dispatcher `pdt`, its control client `pdtctl`, the pure-C core library
# (parser, Maglev, tables, config) shared with the unit tests, the fuzz
# target and the benchmark, and the CUnit runner $(B)/tests/unit/pdt.
#
# Sanitizers: the pure logic (core library, unit runner, pdt-bench) is
# built with $(SANFLAGS) like the rest of the tree. The pdt binary links
# DPDK, whose EAL maps its memory at fixed hints and runs its own
# allocator over it (--no-huge still mmaps a large anonymous arena and
# walks it through the memseg lists); ASan's shadow mapping and
# interceptors collide with that in the sanitized build, so the DPDK
# objects and the pdt binary are built without -fsanitize there
# (PDT_DPDK_CFLAGS below); the core it links is then rebuilt unsanitized
# too, under $(B)/obj/pdt-nosan/.

PDT_CORE_SRCS := pdt/parse.c pdt/hash.c pdt/maglev.c pdt/weights.c \
	pdt/table.c pdt/flow.c pdt/disp.c pdt/reply.c pdt/fwd.c pdt/rt.c \
	pdt/conf.c pdt/conf_check.c pdt/conf_print.c pdt/ctlcmd.c \
	pdt/worker_state.c
PDT_CORE_OBJS := $(PDT_CORE_SRCS:%.c=$(B)/obj/%.o)
PDT_CORE_LIB  := $(B)/lib/libpdtcore.a

PDT_UNIT_SRCS := $(wildcard tests/pdt/unit/*.c)
PDT_UNIT_OBJS := $(PDT_UNIT_SRCS:%.c=$(B)/obj/%.o)

$(PDT_CORE_LIB): $(PDT_CORE_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(B)/obj/tests/pdt/unit/%.o: CFLAGS += -Ipdt

$(B)/tests/unit/pdt: $(PDT_UNIT_OBJS) $(PDT_CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lcunit -lconfig

ALL += $(PDT_CORE_LIB)
UNIT_BINS += $(B)/tests/unit/pdt

# ---- the DPDK side: pdt and pdtctl ------------------------------------
PDT_DP_SRCS := pdt/main.c pdt/port.c pdt/worker.c pdt/ctl.c pdt/ctlstats.c \
	pdt/log.c
DPDK_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags libdpdk 2>/dev/null))
DPDK_LIBS   := $(shell pkg-config --libs libdpdk 2>/dev/null)

ifeq ($(SANITIZE),1)
# See the note at the top: DPDK objects and the pdt binary unsanitized.
PDT_NS_CFLAGS := $(filter-out $(SANFLAGS),$(CFLAGS))
PDT_DP_OBJS   := $(PDT_DP_SRCS:%.c=$(B)/obj/pdt-nosan/%.o) \
	$(PDT_CORE_SRCS:%.c=$(B)/obj/pdt-nosan/%.o)
PDT_LDFLAGS   := $(filter-out $(SANFLAGS),$(LDFLAGS))
$(B)/obj/pdt-nosan/%.o: %.c | $(B)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(PDT_NS_CFLAGS) $(DPDK_CFLAGS) $(PATHDEFS) -MMD -MP -c -o $@ $<
else
PDT_DP_OBJS   := $(PDT_DP_SRCS:%.c=$(B)/obj/%.o) $(PDT_CORE_LIB)
PDT_LDFLAGS   := $(LDFLAGS)
$(PDT_DP_SRCS:%.c=$(B)/obj/%.o): CFLAGS += $(DPDK_CFLAGS)
endif

$(B)/bin/pdt: $(PDT_DP_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(PDT_LDFLAGS) -o $@ $^ $(DPDK_LIBS) -lconfig -lpthread

$(B)/bin/pdtctl: $(B)/obj/pdt/pdtctl.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

ALL += $(B)/bin/pdt $(B)/bin/pdtctl
