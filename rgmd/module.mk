# SPDX-License-Identifier: MIT
# Build rules for rgmd/ (included by the top GNUmakefile): the daemon, and
# the library of its logic that the unit tests link.

# The library holds everything but the event loop, the method launcher,
# the control socket, membership and main: the unit runner links it with a
# fake loop (clock) and a fake launcher (tests/unit/rgmd/fake_*.c).
RGMD_LIB_SRCS := rgmd/props.c rgmd/stdprops.c rgmd/rtr.c rgmd/ccr.c \
	rgmd/ccr_store.c rgmd/store.c rgmd/fsm.c rgmd/ctlmsg.c rgmd/conf.c \
	rgmd/log.c rgmd/fm.c rgmd/cfgfile.c rgmd/cgroup.c rgmd/membership_view.c rgmd/state.c \
	rgmd/runtime.c rgmd/context.c \
	rgmd/channel.c rgmd/engine.c rgmd/monitor.c rgmd/pmf.c rgmd/cmd.c \
	rgmd/cmd_config.c rgmd/cmd_switch.c rgmd/cmd_fm.c rgmd/show.c \
	rgmd/startup.c rgmd/wiring.c rgmd/repl_msg.c rgmd/repl_join.c rgmd/repl.c rgmd/ccr_text.c rgmd/cluster.c rgmd/cluster_follow.c \
	rgmd/cluster_state.c rgmd/president.c rgmd/events.c rgmd/membership.c rgmd/membership_corosync.c rgmd/show_cluster.c \
	rgmd/scha_err.c rgmd/cmd_get.c rgmd/cmd_scha.c rgmd/show_json.c rgmd/metrics.c \
	rgmd/metrics_label.c \
	rgmd/show_blocked.c
# what this node can run, and the cluster's view of it
RGMD_LIB_SRCS += rgmd/rt_avail.c rgmd/modules.c
# fencing: the state machine (pure) and its runner
RGMD_LIB_SRCS += rgmd/fence_state.c rgmd/fence.c
# placement (pure) and its words
RGMD_LIB_SRCS += rgmd/placement.c rgmd/placement_text.c
# operator requests across the cluster: switch requests, refusals, inputs
RGMD_LIB_SRCS += rgmd/switchreq.c rgmd/switch_check.c rgmd/cluster_input.c \
	rgmd/cmd_place.c rgmd/cmd_wait.c rgmd/cmd_follow.c
# scalable resources: their checks, and what rgmd tells pdt
RGMD_LIB_SRCS += rgmd/scalable.c rgmd/pdt_feed.c rgmd/pdt_feed_diff.c rgmd/pdt_pub.c
RGMD_SRCS := $(RGMD_LIB_SRCS) rgmd/loop.c rgmd/launcher.c rgmd/control.c \
	rgmd/notify.c rgmd/rgmd.c rgmd/pdt_link.c rgmd/pdt_show.c \
	rgmd/lo_plumb.c
RGMD_LIB_OBJS := $(RGMD_LIB_SRCS:%.c=$(B)/obj/%.o)
RGMD_OBJS := $(RGMD_SRCS:%.c=$(B)/obj/%.o)

$(B)/obj/rgmd/%.o: CFLAGS += -Idsdl -Irgmd
$(B)/obj/rgmd/pdt_link.o $(B)/obj/rgmd/pdt_show.o: CFLAGS += -Ipdt
$(B)/obj/rgmd/lo_plumb.o: CFLAGS += $(PC_CFLAGS_libnl-route-3.0)

# Corosync's client libraries (membership_corosync.c): their flags are
# read by the dependency step into $(B)/gen/deps.mk (GNUmakefile).
COROSYNC_LIBS = $(sort $(PC_LIBS_libcpg) $(PC_LIBS_libquorum) \
	$(PC_LIBS_libvotequorum) $(PC_LIBS_libcmap))

$(B)/bin/rgmd: $(RGMD_OBJS) $(B)/lib/libpdtctl.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lconfig -lz -ljansson -lsystemd $(COROSYNC_LIBS) \
	    $(PC_LIBS_libnl-route-3.0)

$(B)/lib/librgmd-logic.a: $(RGMD_LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

ALL += $(B)/bin/rgmd

.PHONY: install-rgmd
install-rgmd: $(B)/bin/rgmd
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(SYSCONF)
	install -m 755 $(B)/bin/rgmd $(DESTDIR)$(BINDIR)/rgmd
	install -m 755 rgmd/rgm-cluster-setup \
		$(DESTDIR)$(BINDIR)/rgm-cluster-setup
	for m in rgmd.8 rgmd.conf.5 rg_properties.5 r_properties.5 \
	    rgm-cluster-setup.8; do \
		[ -f man/$$m ] && install -m 644 man/$$m \
			$(DESTDIR)$(MANDIR)/man$${m##*.}/$$m || true; done
	[ -f $(DESTDIR)$(SYSCONF)/rgmd.conf ] || \
		install -m 644 rgmd/rgmd.conf.example $(DESTDIR)$(SYSCONF)/rgmd.conf
INSTALL_RULES += install-rgmd

# A test client of the membership interface (tests/integ/cluster_messages.sh):
# the same objects as rgmd's membership, loop and log.
CLUSTER_PROBE_OBJS := $(B)/obj/tests/integ/cluster_probe.o \
	$(addprefix $(B)/obj/rgmd/,membership.o membership_view.o \
	membership_corosync.o loop.o log.o)
$(B)/obj/tests/integ/%.o: CFLAGS += -Irgmd

$(B)/tests/bin/cluster-probe: $(CLUSTER_PROBE_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(COROSYNC_LIBS)

ALL += $(B)/tests/bin/cluster-probe

# rgsim(8): the placement simulator (rgsim*.c over the logic library)
RGSIM_OBJS := $(addprefix $(B)/obj/rgmd/,rgsim.o rgsim_situation.o rgsim_gen.o)

$(B)/bin/rgsim: $(RGSIM_OBJS) $(B)/lib/librgmd-logic.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(RGSIM_OBJS) $(B)/lib/librgmd-logic.a -lconfig -lz -ljansson

ALL += $(B)/bin/rgsim

.PHONY: install-rgsim
install-rgsim: $(B)/bin/rgsim
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man8
	install -m 755 $(B)/bin/rgsim $(DESTDIR)$(BINDIR)/rgsim
	install -m 644 man/rgsim.8 $(DESTDIR)$(MANDIR)/man8/rgsim.8
INSTALL_RULES += install-rgsim
