# SPDX-License-Identifier: GPL-2.0
#
# Installing gssk on a server; included by the top-level Makefile.
#
#   make install          libgssk, its headers (gssk.h, gssk_krb5.h),
#                         gssk.pc, the CLI, the man pages
#   make uninstall        removes exactly what install put there
#   make modules_install  gssk.ko for the kernel of KDIR/KVER, through
#                         Kbuild's modules_install, into
#                         $(INSTALL_MOD_PATH)/lib/modules/KVER/$(INSTALL_MOD_DIR);
#                         runs depmod only when INSTALL_MOD_PATH is empty
#                         (the running system). Never loads anything.
#   make install-dkms     the module's sources and dkms.conf into
#                         $(DESTDIR)/usr/src/gssk-VERSION, for
#                         `dkms install gssk/VERSION`
#   make install-modules-load   /etc/modules-load.d/gssk.conf (load at boot)
#   make install-modprobe-conf  /etc/modprobe.d/gssk.conf (the parameters,
#                         all commented out at their defaults)
#   make check-install    the host tests of all the above (TAP)
#
# Variables: DESTDIR, PREFIX (default /usr/local), LIBDIR, INCLUDEDIR,
# SBINDIR, MANDIR, SYSCONFDIR (default /etc), INSTALL_MOD_PATH,
# INSTALL_MOD_DIR (default extra), DKMS_SRCDIR.

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
DESTDIR ?=
INSTALL_MOD_DIR ?= extra

# The one version, PACKAGE_VERSION in dkms.conf.
VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' dkms.conf)
DKMS_SRCDIR ?= /usr/src/gssk-$(VERSION)

CLI_DIR := tools/gsskctl
MAN_PAGES := $(wildcard man/*.[1-8])

# What the module's sources are, for DKMS: Kbuild builds them alone.
DKMS_FILES := dkms.conf Kbuild $(wildcard kernel/*.[ch]) \
	include/uapi/linux/gssk.h

INSTALL_VARS := DESTDIR=$(DESTDIR) PREFIX=$(PREFIX) LIBDIR=$(LIBDIR) \
	INCLUDEDIR=$(INCLUDEDIR)

.PHONY: install uninstall modules_install install-dkms uninstall-dkms \
	install-modules-load install-modprobe-conf check-install

# The CLI's Makefile calls the build tree's lib/ LIBDIR: a LIBDIR given to
# make install is the library's destination, so the CLI gets its own.
install:
	$(MAKE) -C lib install $(INSTALL_VARS)
	$(MAKE) -C $(CLI_DIR) install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX) \
		BINDIR=$(SBINDIR) LIBDIR=$(CURDIR)/lib
	for page in $(MAN_PAGES); do \
		sect=$${page##*.}; \
		install -d $(DESTDIR)$(MANDIR)/man$$sect || exit 1; \
		install -m 644 $$page $(DESTDIR)$(MANDIR)/man$$sect/ || exit 1; \
	done

uninstall:
	$(MAKE) -C lib uninstall $(INSTALL_VARS)
	rm -f $(DESTDIR)$(SBINDIR)/$(notdir $(CLI_DIR))
	for page in $(MAN_PAGES); do \
		rm -f $(DESTDIR)$(MANDIR)/man$${page##*.}/$${page##*/}; \
	done

# CONFIG_MODULE_SIG_ALL= : Kbuild would try to sign with the kernel
# vendor's key, which the headers do not ship; sign with your own key
# (scripts/sign-file), or use DKMS, which signs with its MOK key.
modules_install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) \
		CONFIG_MODULE_SIG_ALL= modules_install
	@if [ -z "$(INSTALL_MOD_PATH)" ]; then \
		kver=$$(KDIR=$(KDIR) tools/vm/kernel.sh kver) && \
		echo "depmod -a $$kver" && depmod -a "$$kver"; \
	else \
		echo "INSTALL_MOD_PATH is set: run depmod on the target"; \
	fi

install-dkms:
	for f in $(DKMS_FILES); do \
		install -D -m 644 $$f $(DESTDIR)$(DKMS_SRCDIR)/$$f || exit 1; \
	done

uninstall-dkms:
	rm -rf $(DESTDIR)$(DKMS_SRCDIR)

install-modules-load:
	install -D -m 644 packaging/modules-load.d/gssk.conf \
		$(DESTDIR)$(SYSCONFDIR)/modules-load.d/gssk.conf

install-modprobe-conf:
	install -D -m 644 packaging/modprobe.d/gssk.conf \
		$(DESTDIR)$(SYSCONFDIR)/modprobe.d/gssk.conf

# Needs 'make all' first (the module, the library and the CLI).
check-install:
	tests/install.sh
