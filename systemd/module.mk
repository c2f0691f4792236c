# SPDX-License-Identifier: MIT
# Build rules for systemd/ (included by the top GNUmakefile): rgmd.service
# with the paths of this build, installed under $(SYSTEMDDIR) (by default
# $(PREFIX)/lib/systemd/system, which systemd searches for /usr/local too).

SYSTEMDDIR ?= $(PREFIX)/lib/systemd/system

# Regenerated on every make, replaced only when a path changed its text.
.PHONY: systemd-unit-force
$(B)/systemd/rgmd.service: systemd/rgmd.service.in systemd-unit-force
	@mkdir -p $(dir $@)
	@sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SYSCONF@|$(SYSCONF)|g' \
	    $< >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
ALL += $(B)/systemd/rgmd.service

.PHONY: install-systemd
INSTALL_RULES += install-systemd
install-systemd: $(B)/systemd/rgmd.service
	install -d $(DESTDIR)$(SYSTEMDDIR)
	install -m 644 $(B)/systemd/rgmd.service $(DESTDIR)$(SYSTEMDDIR)/
