# SPDX-License-Identifier: MIT
# Build rules for tests/ (included by the top GNUmakefile): the CUnit runner
# of the rgmd logic, $(B)/tests/unit/rgmd (sources in tests/unit/rgmd/, one
# suite per rgmd source file with logic), linked against librgmd-logic.a.

RGMD_UNIT_SRCS := $(wildcard tests/unit/rgmd/*.c)
RGMD_UNIT_OBJS := $(RGMD_UNIT_SRCS:%.c=$(B)/obj/%.o) $(UNIT_RUNNER)

# Every runner under tests/unit/ finds runner.h.
$(B)/obj/tests/unit/%.o: CFLAGS += -Itests/unit

$(B)/obj/tests/unit/rgmd/%.o: CFLAGS += -Irgmd -Idsdl

$(B)/tests/unit/rgmd: $(RGMD_UNIT_OBJS) $(B)/lib/librgmd-logic.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(RGMD_UNIT_OBJS) $(B)/lib/librgmd-logic.a \
		-lconfig -lcunit -lz -ljansson $(COROSYNC_LIBS)

UNIT_BINS += $(B)/tests/unit/rgmd

# The event loop's own runner: the real rgmd/loop.c (the rgmd runner links
# a fake loop in its place), with the shared suite helpers.
LOOP_UNIT_OBJS := $(B)/obj/tests/unit/loop/main.o \
	$(B)/obj/tests/unit/loop/test_loop.o $(B)/obj/tests/unit/rgmd/util.o \
	$(B)/obj/rgmd/loop.o $(UNIT_RUNNER)
$(B)/obj/tests/unit/loop/%.o: CFLAGS += -Irgmd -Idsdl -Itests/unit/rgmd

$(B)/tests/unit/loop: $(LOOP_UNIT_OBJS) $(B)/lib/librgmd-logic.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(LOOP_UNIT_OBJS) $(B)/lib/librgmd-logic.a \
		-lconfig -lcunit -lz -ljansson $(COROSYNC_LIBS)

UNIT_BINS += $(B)/tests/unit/loop

# The suites with real processes: the real loop, launcher and PMF, with
# the shared suite helpers (tests/unit/proc/main.c says why apart).
PROC_UNIT_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(wildcard tests/unit/proc/*.c)) \
	$(B)/obj/tests/unit/rgmd/util.o $(B)/obj/rgmd/loop.o \
	$(B)/obj/rgmd/launcher.o $(UNIT_RUNNER)
$(B)/obj/tests/unit/proc/%.o: CFLAGS += -Irgmd -Idsdl -Itests/unit/rgmd

$(B)/tests/unit/proc: $(PROC_UNIT_OBJS) $(B)/lib/librgmd-logic.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(PROC_UNIT_OBJS) $(B)/lib/librgmd-logic.a \
		-lconfig -lcunit -lz -ljansson $(COROSYNC_LIBS)

UNIT_BINS += $(B)/tests/unit/proc

include tests/fuzz/module.mk

# The machine-stall watcher that tests/run-all.sh runs beside the tests.
$(B)/tests/bin/stallwatch: $(B)/obj/tests/stallwatch.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

ALL += $(B)/tests/bin/stallwatch
