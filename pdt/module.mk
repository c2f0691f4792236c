# SPDX-License-Identifier: MIT
# Build rules for pdt/ (included by the top GNUmakefile): the packet
# dispatcher `pdt`, its control client `pdtctl` and the client library it
# shares with rgmd (libpdtctl.a), the pure-C core library
# (parser, Maglev, tables, config) shared with the unit tests, the fuzz
# target and the benchmark, and the CUnit runner $(B)/tests/unit/pdt.
#
# Sanitizers: with SANITIZE=1 everything here, the DPDK binary included,
# is built with ASan+UBSan: DPDK 22.11 runs under ASan in --no-huge mode
# (verified: the golden pcap tests pass on build-san/bin/pdt, no leak
# reported at exit). The fuzz target always uses ASan+UBSan+libFuzzer.

PDT_CORE_SRCS := pdt/parse.c pdt/hash.c pdt/maglev.c pdt/weights.c \
	pdt/table.c pdt/conn4.c pdt/flow.c pdt/disp.c pdt/reply.c pdt/fwd.c pdt/rt.c \
	pdt/conf.c pdt/conf_check.c pdt/conf_print.c pdt/ctlcmd.c \
	pdt/ports.c pdt/frag.c pdt/fraghold.c \
	pdt/worker_state.c pdt/mem.c
PDT_CORE_OBJS := $(PDT_CORE_SRCS:%.c=$(B)/obj/%.o)
PDT_CORE_LIB  := $(B)/lib/libpdtcore.a

PDT_UNIT_SRCS := $(wildcard tests/pdt/unit/*.c)
PDT_UNIT_OBJS := $(PDT_UNIT_SRCS:%.c=$(B)/obj/%.o) $(UNIT_RUNNER)

# The fast path spans several small files (parse, flow, table, hash,
# disp): link-time optimisation inlines across them. Fat objects, so a
# link without -flto (the unit tests) still works.
PDT_LTO := -flto -ffat-lto-objects
$(PDT_CORE_OBJS) $(B)/obj/pdt/bench.o: CFLAGS += $(PDT_LTO)

$(PDT_CORE_LIB): $(PDT_CORE_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(B)/obj/tests/pdt/unit/%.o: CFLAGS += -Ipdt -Itests/unit

# The control socket's client, a static archive of its own (pdtctl; rgmd).
PDT_CTL_LIB := $(B)/lib/libpdtctl.a
$(PDT_CTL_LIB): $(B)/obj/pdt/ctlclient.o
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

ALL += $(PDT_CTL_LIB)

$(B)/tests/unit/pdt: $(PDT_UNIT_OBJS) $(PDT_CORE_LIB) $(PDT_CTL_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lcunit -lconfig -lpthread

ALL += $(PDT_CORE_LIB)
UNIT_BINS += $(B)/tests/unit/pdt

# ---- the DPDK side: pdt and pdtctl ------------------------------------
PDT_DP_SRCS := pdt/main.c pdt/port.c pdt/worker.c pdt/ctl.c pdt/ctlstats.c \
	pdt/log.c pdt/mem_dpdk.c
# PC_*: read by the dependency step into $(B)/gen/deps.mk (GNUmakefile).
DPDK_CFLAGS := $(patsubst -I%,-isystem %,$(PC_CFLAGS_libdpdk))
DPDK_LIBS   := $(PC_LIBS_libdpdk)

PDT_DP_OBJS := $(PDT_DP_SRCS:%.c=$(B)/obj/%.o) $(PDT_CORE_LIB)
$(PDT_DP_SRCS:%.c=$(B)/obj/%.o): CFLAGS += $(DPDK_CFLAGS)

$(PDT_DP_SRCS:%.c=$(B)/obj/%.o): CFLAGS += $(PDT_LTO)
$(B)/bin/pdt: $(PDT_DP_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PDT_LTO) $(LDFLAGS) -o $@ $^ $(DPDK_LIBS) -lconfig -lpthread

$(B)/bin/pdtctl: $(B)/obj/pdt/pdtctl.o $(PDT_CTL_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

ALL += $(B)/bin/pdt $(B)/bin/pdtctl

# ---- fuzz target (clang + libFuzzer, always with ASan/UBSan) ---------------
FUZZ_CC ?= clang
$(B)/tests/fuzz/pdt-parse: tests/fuzz/pdt_parse_fuzz.c $(PDT_CORE_SRCS) pdt/pdt.h | $(B)/.deps-ok
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -g -O1 -std=gnu11 -Ipdt -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o $@ tests/fuzz/pdt_parse_fuzz.c \
		$(PDT_CORE_SRCS) -lconfig

ALL += $(B)/tests/fuzz/pdt-parse

# ---- benchmark helper, run by tests/bench/pdt-bench.sh (not installed) ----
$(B)/tests/bench/pdt-bench: $(B)/obj/pdt/bench.o $(PDT_CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PDT_LTO) $(LDFLAGS) -o $@ $^ -lconfig

ALL += $(B)/tests/bench/pdt-bench

# ---- install ---------------------------------------------------------------
.PHONY: pdt-install
pdt-install: $(B)/bin/pdt $(B)/bin/pdtctl
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(PREFIX)/share/doc/pdt
	install -m 755 $(B)/bin/pdt $(B)/bin/pdtctl $(DESTDIR)$(BINDIR)/
	install -m 644 man/pdt.8 $(DESTDIR)$(MANDIR)/man8/pdt.8
	install -m 644 man/pdtctl.8 $(DESTDIR)$(MANDIR)/man8/pdtctl.8
	install -m 644 man/pdt.conf.5 $(DESTDIR)$(MANDIR)/man5/pdt.conf.5
	install -m 644 pdt/pdt.conf.example $(DESTDIR)$(PREFIX)/share/doc/pdt/pdt.conf.example

INSTALL_RULES += pdt-install
