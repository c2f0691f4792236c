# SPDX-License-Identifier: MIT
# Build rules for rgmd/ (included by the top GNUmakefile): the daemon, and
# the library of its logic that the unit tests link.

RGMD_LIB_SRCS := rgmd/props.c rgmd/stdprops.c rgmd/rtr.c rgmd/ccr.c \
	rgmd/ccr_store.c rgmd/store.c rgmd/fsm.c rgmd/ctlmsg.c rgmd/conf.c \
	rgmd/log.c rgmd/fm.c rgmd/cfgfile.c
RGMD_SRCS := $(RGMD_LIB_SRCS) rgmd/loop.c rgmd/launcher.c rgmd/context.c \
	rgmd/engine.c rgmd/cmd.c rgmd/cmd_config.c rgmd/cmd_switch.c \
	rgmd/show.c rgmd/control.c rgmd/membership.c rgmd/startup.c \
	rgmd/runtime.c rgmd/rgmd.c rgmd/pmf.c rgmd/monitor.c rgmd/channel.c
RGMD_LIB_OBJS := $(RGMD_LIB_SRCS:%.c=$(B)/obj/%.o)
RGMD_OBJS := $(RGMD_SRCS:%.c=$(B)/obj/%.o)

$(B)/obj/rgmd/%.o: CFLAGS += -Idsdl -Irgmd

$(B)/bin/rgmd: $(RGMD_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lconfig

$(B)/lib/librgmd-logic.a: $(RGMD_LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

ALL += $(B)/bin/rgmd

.PHONY: install-rgmd
install-rgmd: $(B)/bin/rgmd
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(SYSCONF)
	install -m 755 $(B)/bin/rgmd $(DESTDIR)$(BINDIR)/rgmd
	for m in rgmd.8 rgmd.conf.5 rg_properties.5 r_properties.5; do \
		[ -f man/$$m ] && install -m 644 man/$$m \
			$(DESTDIR)$(MANDIR)/man$${m##*.}/$$m || true; done
	[ -f $(DESTDIR)$(SYSCONF)/rgmd.conf ] || \
		install -m 644 rgmd/rgmd.conf.example $(DESTDIR)$(SYSCONF)/rgmd.conf
INSTALL_RULES += install-rgmd
