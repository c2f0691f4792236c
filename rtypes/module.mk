# SPDX-License-Identifier: MIT
# Build rules for rtypes/ (included by the top GNUmakefile, after
# dsdl/module.mk): the resource types shipped with rgm, each a module .so
# next to its RTR file in $(B)/rtypes/, and the test types of tests/types/
# in $(B)/tests/types/. Modules link against libdsdl (build tree through
# $ORIGIN, installed through $(LIBDIR)).

$(B)/pic/rtypes/%.o $(B)/pic/tests/types/%.o: CFLAGS += -Idsdl

# $(call rt_module,OUT.so,OBJECTS,RPATH-TO-$(B)/lib)
define rt_module
$(1): $(2) $$(DSDL_LIB)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(SOLDFLAGS) -o $$@ $(2) $$(DSDL_LINK) $$(call dsdl_rpath,$(3))
endef

# --- SUNW.gds
GDS_OBJS := $(patsubst %.c,$(B)/pic/%.o,rtypes/gds/gds.c rtypes/gds/svc.c \
	rtypes/gds/legacy.c rtypes/gds/proc.c rtypes/gds/net.c)
$(eval $(call rt_module,$(B)/rtypes/SUNW.gds.so,$(GDS_OBJS),../lib))
$(B)/rtypes/SUNW.gds.rtr: rtypes/gds/SUNW.gds.rtr
	@mkdir -p $(dir $@)
	cp $< $@
ALL += $(B)/rtypes/SUNW.gds.so $(B)/rtypes/SUNW.gds.rtr

# --- SUNW.LogicalHostname: failover addresses through libnl-3. Its flags
# come from pkg-config through the dependency step (tests/pkg-flags.sh),
# which is run again when this file changes.
PC_MODULES += libnl-route-3.0
$(DEPS_MK): rtypes/module.mk
LH_PURE := rtypes/logicalhostname/parse.c rtypes/logicalhostname/plumbed.c
# librtnet.a: what SUNW.LogicalHostname and SUNW.SharedAddress share
# (HostnameList, NetIfList, the Nodelist read through libdsdl, the
# addresses placed on this node's interfaces through libnl-3).
RTNET_SRCS := rtypes/logicalhostname/parse.c \
	rtypes/logicalhostname/resolve.c rtypes/logicalhostname/nl.c \
	rtypes/logicalhostname/conf.c
RTNET_LIB := $(B)/lib/librtnet.a
$(RTNET_LIB): $(patsubst %.c,$(B)/pic/%.o,$(RTNET_SRCS))
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^
LH_SRCS := rtypes/logicalhostname/plumbed.c rtypes/logicalhostname/lh.c \
	rtypes/logicalhostname/start.c rtypes/logicalhostname/monitor.c \
	rtypes/logicalhostname/announce.c \
	rtypes/logicalhostname/watch.c
LH_OBJS := $(patsubst %.c,$(B)/pic/%.o,$(LH_SRCS))
$(B)/pic/rtypes/logicalhostname/%.o $(B)/obj/tests/unit/lh/%.o: \
	CFLAGS += $(PC_CFLAGS_libnl-route-3.0) -Irtypes/logicalhostname -Idsdl
$(B)/rtypes/SUNW.LogicalHostname.so: $(LH_OBJS) $(RTNET_LIB) $(DSDL_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(SOLDFLAGS) -o $@ $(LH_OBJS) $(RTNET_LIB) $(DSDL_LINK) \
	    $(PC_LIBS_libnl-route-3.0) $(call dsdl_rpath,../lib)
$(B)/rtypes/SUNW.LogicalHostname.rtr: \
	    rtypes/logicalhostname/SUNW.LogicalHostname.rtr
	@mkdir -p $(dir $@)
	cp $< $@
ALL += $(B)/rtypes/SUNW.LogicalHostname.so \
	$(B)/rtypes/SUNW.LogicalHostname.rtr

# Its unit tests: HostnameList and NetIfList (parse.c).
LH_UNIT_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(LH_PURE) \
	$(wildcard tests/unit/lh/*.c)) $(UNIT_RUNNER)
UNIT_BINS += $(B)/tests/unit/lh
$(B)/tests/unit/lh: $(LH_UNIT_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(LH_UNIT_OBJS) -lcunit

# --- SUNW.SharedAddress: pdt on the GIN, under rgmd's PMF. pdt's control
# client (pdt/ctlclient.c) is compiled in position-independent here.
SA_PURE := rtypes/sharedaddress/conf.c
SA_SRCS := $(SA_PURE) rtypes/sharedaddress/sa.c rtypes/sharedaddress/probe.c \
	rtypes/sharedaddress/announce.c rtypes/sharedaddress/tap.c
SA_OBJS := $(patsubst %.c,$(B)/pic/%.o,$(SA_SRCS) pdt/ctlclient.c)
$(B)/pic/rtypes/sharedaddress/%.o $(B)/obj/rtypes/sharedaddress/%.o \
    $(B)/obj/tests/unit/sa/%.o: CFLAGS += $(PC_CFLAGS_libnl-route-3.0) \
	-Irtypes/sharedaddress -Irtypes/logicalhostname -Idsdl -Ipdt \
	-DSA_PDT_DEFAULT='"$(BINDIR)/pdt"'
$(B)/rtypes/SUNW.SharedAddress.so: $(SA_OBJS) $(RTNET_LIB) $(DSDL_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(SOLDFLAGS) -o $@ $(SA_OBJS) $(RTNET_LIB) $(DSDL_LINK) \
	    $(PC_LIBS_libnl-route-3.0) $(call dsdl_rpath,../lib)
$(B)/rtypes/SUNW.SharedAddress.rtr: \
	    rtypes/sharedaddress/SUNW.SharedAddress.rtr
	@mkdir -p $(dir $@)
	cp $< $@
ALL += $(B)/rtypes/SUNW.SharedAddress.so \
	$(B)/rtypes/SUNW.SharedAddress.rtr

# Its unit tests: AuxNodeList, the public interface, pdt.conf (checked by
# pdt -t), pdt's command line.
SA_UNIT_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(SA_PURE) $(LH_PURE) \
	$(wildcard tests/unit/sa/*.c)) $(UNIT_RUNNER)
UNIT_BINS += $(B)/tests/unit/sa
$(B)/tests/unit/sa: $(SA_UNIT_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(SA_UNIT_OBJS) -lcunit

# --- EXAMPLE.web, the example of dsdl(3) (built and tested, not installed)
$(eval $(call rt_module,$(B)/rtypes/EXAMPLE.web.so,\
	$(B)/pic/rtypes/example/web.o,../lib))
$(B)/rtypes/EXAMPLE.web.rtr: rtypes/example/EXAMPLE.web.rtr
	@mkdir -p $(dir $@)
	cp $< $@
ALL += $(B)/rtypes/EXAMPLE.web.so $(B)/rtypes/EXAMPLE.web.rtr

# --- test types (never installed)
$(eval $(call rt_module,$(B)/tests/types/TEST.faulty.so,\
	$(B)/pic/tests/types/faulty.o,../../lib))
$(eval $(call rt_module,$(B)/tests/types/TEST.wrongabi.so,\
	$(B)/pic/tests/types/wrongabi.o,../../lib))
$(eval $(call rt_module,$(B)/tests/types/SUNW.SharedAddress.so,\
	$(B)/pic/tests/types/sastub.o,../../lib))
$(B)/tests/types/%.rtr: tests/types/%.rtr
	@mkdir -p $(dir $@)
	cp $< $@
ALL += $(B)/tests/types/TEST.faulty.so $(B)/tests/types/TEST.faulty.rtr \
	$(B)/tests/types/TEST.wrongabi.so $(B)/tests/types/TEST.wrongabi.rtr \
	$(B)/tests/types/SUNW.SharedAddress.so \
	$(B)/tests/types/SUNW.SharedAddress.rtr

.PHONY: install-rtypes
INSTALL_RULES += install-rtypes
install-rtypes: $(B)/rtypes/SUNW.gds.so $(B)/rtypes/SUNW.gds.rtr \
	    $(B)/rtypes/RGM.ocf.so $(B)/rtypes/RGM.ocf.rtr \
	    $(B)/rtypes/SUNW.LogicalHostname.so \
	    $(B)/rtypes/SUNW.LogicalHostname.rtr \
	    $(B)/rtypes/SUNW.SharedAddress.so \
	    $(B)/rtypes/SUNW.SharedAddress.rtr
	install -d $(DESTDIR)$(RTDIR) $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(B)/rtypes/SUNW.gds.so $(B)/rtypes/RGM.ocf.so \
	    $(B)/rtypes/SUNW.LogicalHostname.so \
	    $(B)/rtypes/SUNW.SharedAddress.so $(DESTDIR)$(RTDIR)/
	install -m 644 $(B)/rtypes/SUNW.gds.rtr $(B)/rtypes/RGM.ocf.rtr \
	    $(B)/rtypes/SUNW.LogicalHostname.rtr \
	    $(B)/rtypes/SUNW.SharedAddress.rtr $(DESTDIR)$(RTDIR)/
	install -m 644 man/RGM.ocf.5 man/SUNW.LogicalHostname.5 \
	    man/SUNW.SharedAddress.5 \
	    $(DESTDIR)$(MANDIR)/man5/

# --- RGM.ocf: OCF resource agents, unchanged (meta-data read with libxml2)
OCF_PURE := rtypes/ocf/codes.c rtypes/ocf/meta.c rtypes/ocf/params.c \
	rtypes/ocf/spec.c
OCF_OBJS := $(patsubst %.c,$(B)/pic/%.o,rtypes/ocf/ocf.c rtypes/ocf/agent.c \
	$(OCF_PURE))
$(B)/pic/rtypes/ocf/%.o $(B)/obj/rtypes/ocf/%.o $(B)/obj/tests/unit/ocf/%.o: \
	CFLAGS += -I/usr/include/libxml2 -Irtypes/ocf
$(B)/rtypes/RGM.ocf.so: $(OCF_OBJS) $(DSDL_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(SOLDFLAGS) -o $@ $(OCF_OBJS) $(DSDL_LINK) -lxml2 \
	    $(call dsdl_rpath,../lib)
$(B)/rtypes/RGM.ocf.rtr: rtypes/ocf/RGM.ocf.rtr
	@mkdir -p $(dir $@)
	cp $< $@
ALL += $(B)/rtypes/RGM.ocf.so $(B)/rtypes/RGM.ocf.rtr

# Its unit tests: the pure parts (exit codes, meta-data, Parameters).
OCF_UNIT_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(OCF_PURE) \
	$(wildcard tests/unit/ocf/*.c)) $(UNIT_RUNNER)
UNIT_BINS += $(B)/tests/unit/ocf
$(B)/tests/unit/ocf: $(OCF_UNIT_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $(OCF_UNIT_OBJS) -lxml2 -lcunit
