# SPDX-License-Identifier: GPL-2.0
#
# Included by selftests/Makefile: the live Kerberos interop test gssk_krb5
# and its two peers, krb5/peer.c built against MIT krb5 (krb5_peer_mit) and
# against Heimdal (krb5_peer_heimdal, from heimdal-multidev; MIT and
# Heimdal cannot share a process). gssk_krb5 itself links libgssk and MIT
# (gssk_krb5_load_sec_context finds MIT's functions in the program).

KRB5_PEERS := krb5_peer_mit krb5_peer_heimdal
HEIMDAL_CFLAGS := $(shell krb5-config.heimdal --cflags gssapi 2>/dev/null)
HEIMDAL_LIBS := $(shell krb5-config.heimdal --libs gssapi 2>/dev/null)
KRB5_HDRS := krb5/wire.h

all: $(KRB5_PEERS)

krb5/wire-mit.o: krb5/wire.c $(KRB5_HDRS)
	$(CC) $(CFLAGS) -c -o $@ $<

krb5/peer-mit.o: krb5/peer.c $(KRB5_HDRS)
	$(CC) $(CFLAGS) -c -o $@ $<

krb5/wire-heimdal.o: krb5/wire.c $(KRB5_HDRS)
	@test -n "$(HEIMDAL_CFLAGS)" || \
		{ echo "krb5-config.heimdal missing (make deps)" >&2; exit 1; }
	$(CC) $(CFLAGS) $(HEIMDAL_CFLAGS) -c -o $@ $<

krb5/peer-heimdal.o: krb5/peer.c $(KRB5_HDRS)
	$(CC) $(CFLAGS) $(HEIMDAL_CFLAGS) -c -o $@ $<

krb5_peer_mit: krb5/peer-mit.o krb5/wire-mit.o
	$(CC) -o $@ $^ -lgssapi_krb5

krb5_peer_heimdal: krb5/peer-heimdal.o krb5/wire-heimdal.o
	$(CC) -o $@ $^ $(HEIMDAL_LIBS)

gssk_krb5.o: $(KRB5_HDRS) $(TOP)/include/gssk/gssk_krb5.h

gssk_krb5: gssk_krb5.o util.o krb5/wire-mit.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lgssapi_krb5

# Refusals of gssk_krb5_load_sec_context on real MIT contexts.
gssk_krb5_load.o: $(TOP)/include/gssk/gssk_krb5.h $(TOP)/lib/internal.h

gssk_krb5_load: gssk_krb5_load.o util.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lgssapi_krb5
