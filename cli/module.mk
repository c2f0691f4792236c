# SPDX-License-Identifier: MIT
# Build rules for cli/ (included by the top GNUmakefile): scrgadm, scswitch,
# scstat, rgm-metrics and the six scha_* commands (scha(1)), each a small
# main over the shared parser and client objects (and rgmd's control
# codec, rgmd/ctlmsg.c), the CUnit runner
# $(B)/tests/unit/cli, and the install rule for the programs and man pages.

CLI_PROGS    := scrgadm scswitch scstat
SCHA_PROGS   := scha_resource_get scha_resourcegroup_get \
	scha_resourcetype_get scha_cluster_get scha_control \
	scha_resource_setstatus
CLI_BINS     := $(CLI_PROGS:%=$(B)/bin/%) $(SCHA_PROGS:%=$(B)/bin/%)
CLI_MANS     := $(CLI_PROGS:%=man/%.8)
CLI_COMMON   := $(addprefix $(B)/obj/cli/,opt.o args.o seen.o \
	scrgadm_args.o scswitch_args.o scstat_args.o scha_args.o client.o json_opt.o \
	run.o) \
	$(B)/obj/rgmd/ctlmsg.o
CLI_TESTOBJS := $(addprefix $(B)/obj/cli/,test_main.o test_parse.o \
	test_args.o test_client.o) $(UNIT_RUNNER)

# rgm-metrics(8): rgmd's metrics and pdt's counters (Prometheus format); the
# escaping of label values is rgmd's own (rgmd/metrics_label.c)
METRICS_BIN  := $(B)/bin/rgm-metrics
METRICS_OBJS := $(addprefix $(B)/obj/cli/,rgm_metrics.o metrics_pdt.o) \
	$(B)/obj/rgmd/metrics_label.o

ALL       += $(CLI_BINS) $(METRICS_BIN)
UNIT_BINS += $(B)/tests/unit/cli

$(CLI_BINS): $(B)/bin/%: $(B)/obj/cli/%.o $(CLI_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

$(METRICS_BIN): $(METRICS_OBJS) $(CLI_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^

$(B)/tests/unit/cli: $(CLI_TESTOBJS) $(CLI_COMMON)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -pthread -o $@ $^ -lcunit

$(B)/obj/cli/test_client.o: CFLAGS += -pthread
$(B)/obj/cli/test_main.o: CFLAGS += -Itests/unit

.PHONY: install-cli
install-cli: $(CLI_BINS) $(METRICS_BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 $(CLI_BINS) $(METRICS_BIN) $(DESTDIR)$(BINDIR)/
	install -m 644 $(CLI_MANS) man/rgm-metrics.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 644 man/scha.1 $(DESTDIR)$(MANDIR)/man1/
	install -d $(DESTDIR)$(SCHEMADIR)
	install -m 644 schema/scstat.schema.json \
		schema/scrgadm.schema.json $(DESTDIR)$(SCHEMADIR)/

INSTALL_RULES += install-cli

# The JSON schemas of scstat --json and scrgadm -p --json (scstat(8)).
SCHEMADIR := $(PREFIX)/share/rgm/schema
