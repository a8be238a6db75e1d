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
#   make install-interposer     turns the interposer on for every MIT
#                         GSS-API program: /etc/gss/mech.d/gssk.conf, and
#                         /etc/gssk/interposer.conf (every setting commented
#                         out at its default) unless one is there
#   make uninstall-interposer   removes mech.d/gssk.conf, and
#                         interposer.conf if it is still the shipped one
#   make check-install    the host tests of all the above (TAP)
#
# make install also puts gssk-interposer.so into MIT's GSS plugin
# directory, GSS_PLUGINDIR (default: krb5-gssapi's libdir/gss, on Debian
# /usr/lib/x86_64-linux-gnu/gss), where it does nothing until
# install-interposer names it.
#
# Variables: DESTDIR, PREFIX (default /usr/local), LIBDIR, INCLUDEDIR,
# SBINDIR, MANDIR, SYSCONFDIR (default /etc), GSS_PLUGINDIR,
# INSTALL_MOD_PATH, INSTALL_MOD_DIR (default extra), DKMS_SRCDIR.

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
DESTDIR ?=
INSTALL_MOD_DIR ?= extra
GSS_PLUGINDIR ?= $(shell pkg-config --variable=libdir krb5-gssapi)/gss

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
	install-modules-load install-modprobe-conf install-interposer \
	uninstall-interposer check-install

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
	install -D -m 755 interposer/gssk-interposer.so \
		$(DESTDIR)$(GSS_PLUGINDIR)/gssk-interposer.so

uninstall:
	$(MAKE) -C lib uninstall $(INSTALL_VARS)
	rm -f $(DESTDIR)$(SBINDIR)/$(notdir $(CLI_DIR))
	for page in $(MAN_PAGES); do \
		rm -f $(DESTDIR)$(MANDIR)/man$${page##*.}/$${page##*/}; \
	done
	rm -f $(DESTDIR)$(GSS_PLUGINDIR)/gssk-interposer.so

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

install-interposer:
	install -d $(DESTDIR)$(SYSCONFDIR)/gss/mech.d
	sed 's|@GSS_PLUGINDIR@|$(GSS_PLUGINDIR)|' packaging/gss/gssk.conf.in \
		>$(DESTDIR)$(SYSCONFDIR)/gss/mech.d/gssk.conf
	chmod 644 $(DESTDIR)$(SYSCONFDIR)/gss/mech.d/gssk.conf
	if [ ! -e $(DESTDIR)$(SYSCONFDIR)/gssk/interposer.conf ]; then \
		install -D -m 644 packaging/gssk/interposer.conf \
			$(DESTDIR)$(SYSCONFDIR)/gssk/interposer.conf; \
	fi

uninstall-interposer:
	rm -f $(DESTDIR)$(SYSCONFDIR)/gss/mech.d/gssk.conf
	if cmp -s packaging/gssk/interposer.conf \
		$(DESTDIR)$(SYSCONFDIR)/gssk/interposer.conf; then \
		rm -f $(DESTDIR)$(SYSCONFDIR)/gssk/interposer.conf; \
	fi

# Needs 'make all' first (the module, the library and the CLI).
check-install:
	tests/install.sh
