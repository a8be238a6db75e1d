#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Pickle a python-gssapi SecurityContext to a multiprocessing worker.

Run by selftests/gssk_mitapps.sh in the gssk test VM, against the realm
GSSK.TEST (tools/vm/realm.sh) whose KDC /init started. For each start
method asked for, in one process:

  1. an initiator context (alice, from the default ccache: kinit first) and
     an acceptor context (gssk-eN/localhost@GSSK.TEST, from the default
     keytab /etc/krb5.keytab) are established with each other;
  2. the session key's enctype is inquired (GSS_C_INQ_SSPI_SESSION_KEY) and
     must be N;
  3. the acceptor is pickled the way multiprocessing pickles what it sends
     (ForkingPickler.dumps; python-gssapi's __reduce__ calls
     gss_export_sec_context) and sent to a worker over a Pipe, with a
     message the initiator wrapped;
  4. the worker unpickles it (gss_import_sec_context), unwraps the
     initiator's message, wraps a reply and makes a MIC of it;
  5. the initiator unwraps the reply and verifies the MIC;
  6. the same pickled bytes are unpickled a second time in the parent.

Modes say what steps 2, 3 and 6 must show:
  mit   no interposer: the exported token is MIT's (it carries the keys,
        over 100 bytes) and a second import of it works.
  gssk  gssk's interposer in place (gssk_mitapps.sh runs it): the token is a
        reference (under 100 bytes) and a second import is refused; the
        session key inquiry may be refused (GSS_S_UNAVAILABLE).

Output: one line per check, "PASS name" or "FAIL name: why", and "# ..."
diagnostics; selftests/gssk_mitapps.sh numbers them as TAP. Exit status 0
if every check passed, 1 otherwise.

  gssk_pyctx.py [--mode mit|gssk] --enctype N [--methods spawn,fork]
  gssk_pyctx.py --list-modules
      print the files of every module this script, its spawned and forked
      workers load (no KDC needed): tools/vm/apps/stage.sh stages exactly
      those of the Python standard library into the VM.
"""

import argparse
import io
import multiprocessing
import pickle
import sys
import traceback
from multiprocessing.reduction import ForkingPickler

import gssapi
import gssapi.raw as graw

REALM = 'GSSK.TEST'
CLIENT = 'alice@' + REALM
KRB5 = gssapi.MechType.kerberos
# GSS_C_INQ_SSPI_SESSION_KEY: the key, then the OID 1.2.840.113554.1.2.2.4.E
# (E the key's enctype).
INQ_SESSION_KEY = graw.OID.from_int_seq('1.2.840.113554.1.2.2.5.5')
ENCTYPE_ARC = '1.2.840.113554.1.2.2.4.'
FLAGS = (gssapi.RequirementFlag.mutual_authentication |
         gssapi.RequirementFlag.replay_detection |
         gssapi.RequirementFlag.out_of_sequence_detection |
         gssapi.RequirementFlag.integrity |
         gssapi.RequirementFlag.confidentiality)
TO_WORKER = b'from the initiator to the worker'
TO_PARENT = b'from the worker back to the initiator'
WORKER_TIMEOUT = 60

failed = 0


def check(name, ok, why=''):
    global failed
    if ok:
        print('PASS ' + name, flush=True)
    else:
        failed += 1
        print('FAIL %s: %s' % (name, why), flush=True)
    return ok


def diag(text):
    for line in str(text).splitlines():
        print('# ' + line, flush=True)


def establish(enctype):
    """An initiator/acceptor pair for gssk-eN/localhost."""
    target = gssapi.Name('gssk-e%d/localhost@%s' % (enctype, REALM),
                         gssapi.NameType.kerberos_principal)
    acred = gssapi.Credentials(name=target, usage='accept', mechs=[KRB5])
    ictx = gssapi.SecurityContext(name=target, mech=KRB5, flags=FLAGS,
                                  usage='initiate')
    actx = gssapi.SecurityContext(creds=acred, usage='accept')
    tok = ictx.step()
    side = actx
    for _ in range(8):      # krb5 with mutual authentication takes 3 steps
        if tok is None or side.complete:
            break
        tok = side.step(tok)
        side = ictx if side is actx else actx
    if not (ictx.complete and actx.complete):
        raise RuntimeError('establishment stopped: initiator complete %s, '
                           'acceptor complete %s' % (ictx.complete,
                                                     actx.complete))
    return ictx, actx


def session_enctype(ctx):
    """The enctype of the context's session key, or the GSSError."""
    try:
        bufs = graw.inquire_sec_context_by_oid(ctx, INQ_SESSION_KEY)
    except gssapi.exceptions.GSSError as e:
        return e
    oid = graw.OID(elements=bufs[1]).dotted_form
    if not oid.startswith(ENCTYPE_ARC):
        return 'unexpected enctype OID %s' % oid
    return int(oid[len(ENCTYPE_ARC):])


def peek_token(data):
    """The exported context token inside pickled SecurityContext bytes,
    found without importing it (__reduce__ gives (class, (None, token)))."""
    class Peek(pickle.Unpickler):
        def find_class(self, module, name):
            return lambda *args: args
    args = Peek(io.BytesIO(data)).load()
    return next(a for a in args if isinstance(a, bytes))


def worker(conn):
    """In the worker: unpickle the acceptor, unwrap, wrap, make a MIC."""
    try:
        actx = conn.recv()              # ForkingPickler.loads: import
        wrapped = conn.recv()
        res = actx.unwrap(wrapped)
        if res.message != TO_WORKER or not res.encrypted:
            raise RuntimeError('worker unwrapped %r (encrypted %s)'
                               % (res.message, res.encrypted))
        reply = actx.wrap(TO_PARENT, True).message
        mic = actx.get_signature(TO_PARENT)
        conn.send(('ok', reply, mic, type(actx).__name__))
    except BaseException:
        conn.send(('error', traceback.format_exc()))
        sys.exit(1)


def one_method(mode, enctype, method):
    tag = 'e%d %s' % (enctype, method)
    try:
        ictx, actx = establish(enctype)
    except (gssapi.exceptions.GSSError, RuntimeError):
        check(tag + ': establish a context pair', False, traceback.format_exc())
        return
    check(tag + ': establish a context pair', True)

    got = session_enctype(actx)
    if isinstance(got, int):
        check(tag + ': session key enctype', got == enctype,
              'enctype %d, want %d' % (got, enctype))
    elif mode == 'gssk' and isinstance(got, gssapi.exceptions.GSSError):
        diag('%s: session key inquiry refused: %s' % (tag, got))
    else:
        check(tag + ': session key enctype', False, str(got))

    try:
        data = bytes(ForkingPickler.dumps(actx))
    except gssapi.exceptions.GSSError:
        check(tag + ': pickle the acceptor', False, traceback.format_exc())
        return
    token = peek_token(data)
    diag('%s: pickled acceptor %d bytes, exported token %d bytes'
         % (tag, len(data), len(token)))
    if mode == 'mit':
        check(tag + ': the token is MIT\'s (keys inside)', len(token) > 100,
              '%d bytes' % len(token))
    else:
        check(tag + ': the token is a reference', len(token) < 100,
              '%d bytes' % len(token))

    mp = multiprocessing.get_context(method)
    parent, child = mp.Pipe()
    proc = mp.Process(target=worker, args=(child,), name='pyctx-' + method)
    proc.start()
    child.close()
    try:
        parent.send_bytes(data)     # what parent.send(actx) would send
        parent.send(ictx.wrap(TO_WORKER, True).message)
        if not parent.poll(WORKER_TIMEOUT):
            raise RuntimeError('no answer from the worker in %d s'
                               % WORKER_TIMEOUT)
        answer = parent.recv()
    except (EOFError, OSError, RuntimeError) as e:
        answer = ('error', repr(e))
    proc.join(WORKER_TIMEOUT)
    if proc.exitcode is None:
        proc.kill()
        proc.join()
    if answer[0] != 'ok':
        check(tag + ': worker unpickles, unwraps and wraps', False, answer[1])
        return
    check(tag + ': worker unpickles, unwraps and wraps', proc.exitcode == 0,
          'worker exit code %s' % proc.exitcode)
    _, reply, mic, cls = answer
    diag('%s: worker got a %s' % (tag, cls))
    try:
        res = ictx.unwrap(reply)
        check(tag + ': initiator unwraps the worker\'s reply',
              res.message == TO_PARENT and res.encrypted,
              '%r (encrypted %s)' % (res.message, res.encrypted))
        ictx.verify_signature(TO_PARENT, mic)
        check(tag + ': initiator verifies the worker\'s MIC', True)
    except gssapi.exceptions.GSSError:
        check(tag + ': initiator unwraps and verifies', False,
              traceback.format_exc())

    try:
        again = pickle.loads(data)
        second = 'imported (%s)' % type(again).__name__
        del again
    except gssapi.exceptions.GSSError as e:
        second = e
    if mode == 'mit':
        check(tag + ': a second unpickle imports again (MIT)',
              isinstance(second, str), str(second))
    else:
        check(tag + ': a second unpickle is refused',
              not isinstance(second, str), second)


def probe_worker(conn):
    """--list-modules: what a worker loads to receive a pickled object."""
    conn.recv()
    try:
        raise RuntimeError('probe')     # a worker's error report
    except RuntimeError:
        traceback.format_exc()
    conn.send(module_files())


def module_files():
    files = set()
    for mod in list(sys.modules.values()):
        for attr in ('__file__',):
            f = getattr(mod, attr, None)
            if isinstance(f, str):
                files.add(f)
        spec = getattr(mod, '__spec__', None)
        cached = getattr(spec, 'cached', None) if spec else None
        if isinstance(cached, str):
            files.add(cached)
    return sorted(files)


def list_modules():
    files = set(module_files())
    for method in ('spawn', 'fork'):
        mp = multiprocessing.get_context(method)
        parent, child = mp.Pipe()
        proc = mp.Process(target=probe_worker, args=(child,))
        proc.start()
        child.close()
        try:
            # A worker gets a pickle; gssapi comes with the main module.
            parent.send(('probe', method))
            if not parent.poll(WORKER_TIMEOUT):
                raise RuntimeError('no answer')
            files.update(parent.recv())
        except (EOFError, OSError, RuntimeError) as e:
            print('gssk_pyctx: %s probe worker: %r' % (method, e),
                  file=sys.stderr)
        proc.join(WORKER_TIMEOUT)
        if proc.exitcode is None:
            proc.kill()
            proc.join()
        if proc.exitcode != 0:
            print('gssk_pyctx: %s probe worker exited %s'
                  % (method, proc.exitcode), file=sys.stderr)
            return 1
    files.update(module_files())
    for f in sorted(files):
        print(f)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--mode', choices=('mit', 'gssk'), default='mit')
    ap.add_argument('--enctype', type=int)
    ap.add_argument('--methods', default='spawn,fork')
    ap.add_argument('--list-modules', action='store_true')
    args = ap.parse_args()
    if args.list_modules:
        return list_modules()
    if args.enctype is None:
        ap.error('--enctype is required')
    for method in args.methods.split(','):
        one_method(args.mode, args.enctype, method)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
