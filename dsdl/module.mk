# SPDX-License-Identifier: MIT
# Build rules for dsdl/ (included by the top GNUmakefile): libdsdl.so (the
# resource-type API), libdsdl.pc, the method runner rgmd-runner, and the
# unit-test runner $(B)/tests/unit/dsdl (sources in dsdl/test/).
#
# Binaries find libdsdl in the build tree through an $ORIGIN rpath and,
# once installed, through an rpath on $(LIBDIR).

DSDL_VERSION := 1.0
DSDL_SONAME  := libdsdl.so.1
DSDL_LIB     := $(B)/lib/libdsdl.so
DSDL_OBJS    := $(patsubst %.c,$(B)/pic/%.o,dsdl/ctx.c dsdl/props.c \
	dsdl/log.c dsdl/run.c dsdl/chan.c dsdl/pmf.c dsdl/fm.c \
	dsdl/probe.c) $(B)/pic/dsdl/ctlmsg.o
# $(call dsdl_rpath,RELATIVE-PATH-FROM-THE-BINARY-TO-$(B)/lib)
dsdl_rpath = -Wl,-rpath,'$$ORIGIN/$(1)' -Wl,-rpath,$(LIBDIR)
DSDL_LINK    = -L$(B)/lib -ldsdl
SOLDFLAGS    := $(SOFLAGS) $(SANFLAGS) -Wl,-z,relro,-z,now

ALL += $(DSDL_LIB) $(B)/lib/libdsdl.pc $(B)/bin/rgmd-runner

# Only dsdl.h's functions are exported (dsdl/libdsdl.map).
$(B)/lib/$(DSDL_SONAME): $(DSDL_OBJS) dsdl/libdsdl.map
	@mkdir -p $(dir $@)
	$(CC) $(SOLDFLAGS) -Wl,-soname,$(DSDL_SONAME) \
		-Wl,--version-script=dsdl/libdsdl.map -o $@ $(DSDL_OBJS) -lconfig

$(DSDL_LIB): $(B)/lib/$(DSDL_SONAME)
	ln -sf $(DSDL_SONAME) $@

# rgmd's control codec, compiled privately into the library: its symbols
# are hidden, so they never clash with a type's own.
$(B)/pic/dsdl/ctlmsg.o: rgmd/ctlmsg.c $(PATHSTAMP) | $(B)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fPIC -fvisibility=hidden -MMD -MP -c -o $@ $<

# Regenerated on every make, replaced only when PREFIX changed its text.
.PHONY: dsdl-pc-force
$(B)/lib/libdsdl.pc: dsdl/libdsdl.pc.in dsdl-pc-force
	@mkdir -p $(dir $@)
	@sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCDIR@|$(INCDIR)|' -e 's|@VERSION@|$(DSDL_VERSION)|' \
	    -e '/^#/d' $< >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# The runner needs the library's private parts (building the handle,
# killing what dsdl_run started on a timeout), so it links the objects
# itself and exports them: a type module's calls (its libdsdl.so is
# loaded too) bind to the runner's copy, the one whose state the runner
# sees (ELF lookup searches the executable first).
# (The map is a prerequisite so a runner linked the old way is relinked.)
$(B)/bin/rgmd-runner: $(B)/obj/dsdl/runner.o $(DSDL_OBJS) dsdl/libdsdl.map
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -Wl,--export-dynamic -o $@ $(B)/obj/dsdl/runner.o \
		$(DSDL_OBJS) -lconfig -ldl

# Unit tests: they drive the real runner against the test types and gds.
DSDL_TEST_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(wildcard dsdl/test/*.c)) \
	$(UNIT_RUNNER)
UNIT_BINS += $(B)/tests/unit/dsdl
$(B)/obj/dsdl/test/%.o: CFLAGS += -Idsdl -Itests/unit

DSDL_TEST_NEEDS := $(B)/bin/rgmd-runner $(B)/rtypes/SUNW.gds.so \
	$(B)/rtypes/SUNW.gds.rtr $(B)/tests/types/TEST.faulty.so \
	$(B)/tests/types/TEST.faulty.rtr $(B)/tests/types/TEST.wrongabi.so \
	$(B)/tests/types/TEST.wrongabi.rtr $(B)/rtypes/EXAMPLE.web.so \
	$(B)/rtypes/EXAMPLE.web.rtr

# The tests call private functions too: linked with the objects.
$(B)/tests/unit/dsdl: $(DSDL_TEST_OBJS) $(DSDL_OBJS) | $(DSDL_TEST_NEEDS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(DSDL_TEST_OBJS) $(DSDL_OBJS) -lconfig \
	    -lcunit -lpthread

.PHONY: install-dsdl
INSTALL_RULES += install-dsdl
install-dsdl: $(B)/lib/$(DSDL_SONAME) $(B)/lib/libdsdl.pc $(B)/bin/rgmd-runner
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(MANDIR)/man3 \
	    $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(B)/lib/$(DSDL_SONAME) $(DESTDIR)$(LIBDIR)/
	ln -sf $(DSDL_SONAME) $(DESTDIR)$(LIBDIR)/libdsdl.so
	install -m 644 dsdl/dsdl.h $(DESTDIR)$(INCDIR)/
	install -m 644 $(B)/lib/libdsdl.pc $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 755 $(B)/bin/rgmd-runner $(DESTDIR)$(LIBEXEC)/
	install -m 644 man/dsdl.3 $(DESTDIR)$(MANDIR)/man3/
	install -m 644 man/rt_reg.5 $(DESTDIR)$(MANDIR)/man5/
