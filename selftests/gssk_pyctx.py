#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Pickle a python-gssapi SecurityContext to a multiprocessing worker.

Run by selftests/gssk_mitapps.sh in the gssk test VM, against the realm
GSSK.TEST (tools/vm/realm.sh) whose KDC /init started; python3-gssapi is
Debian's, unmodified. For each start method asked for, in one process:

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
     initiator's message, inquires its context by OID (the session key,
     the lucid context: OID 1.2.840.113554.1.2.2.5.6.1, the one
     gss_krb5_export_lucid_sec_context asks for, and that call itself; the
     SASL SSF), then wraps a reply and makes a MIC of it;
  5. the initiator unwraps the reply and verifies the MIC;
  6. the same pickled bytes are unpickled a second time in the parent.

Modes say what the steps must show:
  mit   no interposer: the exported token is MIT's (it carries the keys,
        over 100 bytes), the worker's context answers the session key
        inquiry, the SASL SSF is 128 for enctypes 17 and 19 and 256 for 18
        and 20, and a second import of the token works.
  gssk  gssk's interposer in place (/etc/gss/mech.d/gssk.conf, no
        /etc/gssk/interposer.conf: load at export, importer of the
        exporter's euid and session): the parent's acceptor is still MIT's
        until it is pickled (step 2 works), the token is a reference
        (under 100 bytes), the worker's imported context is kernel-held:
        the session key and lucid inquiries and
        gss_krb5_export_lucid_sec_context fail with GSS_S_UNAVAILABLE, the
        SASL SSF is answered as in mit mode, and wrap and MIC still work
        after those refusals; a second import of the token is refused.
        Then, once per run, a process without the interposer
        (GSS_MECH_CONFIG=/dev/null, which MIT reads instead of
        /etc/gss/mech.d) unpickles a fresh reference: it must fail with a
        GSSError (neither crash nor hang), after which the reference must
        still import in this process, which has the interposer (MIT's krb5
        mechanism cannot parse it, so the kernel never saw it).

  --other-uid UID (gssk mode only; instead of the steps above): the
  acceptor is pickled into a file and a process running as UID:UID
  (setpriv, no groups, same session keyring) unpickles it:
    --policy default   no /etc/gssk/interposer.conf: the import is refused
        with gssk's GSSK_MINOR_WRONG_UID and its gss_display_status text;
        the token then still imports here (a refusal does not spend it).
    --policy config    /etc/gssk/interposer.conf says importer_uid = UID
        (gssk_mitapps.sh writes it before it starts this process: the
        interposer reads its configuration once per process): the
        import works; the UID process unwraps the initiator's message,
        its context refuses the key inquiries, and the initiator unwraps
        its reply and verifies its MIC.

Output: one line per check, "PASS name" or "FAIL name: why", and "# ..."
diagnostics; selftests/gssk_mitapps.sh numbers them as TAP. Exit status 0
if every check passed, 1 otherwise.

  gssk_pyctx.py [--mode mit|gssk] --enctype N [--methods spawn,fork]
  gssk_pyctx.py --mode gssk --enctype N --other-uid UID
                --policy default|config
  gssk_pyctx.py --import-file FILE
      (internal) the other process of --other-uid and of the process
      without the interposer: unpickle FILE's context, use it, and write
      what happened to stdout as a pickle.
  gssk_pyctx.py --list-modules
      print the files of every module this script, its spawned and forked
      workers load (no KDC needed): tools/vm/apps/stage.sh stages exactly
      those of the Python standard library into the VM.
"""

import argparse
import io
import multiprocessing
import os
import pickle
import subprocess
import sys
import tempfile
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
# GSS_KRB5_EXPORT_LUCID_SEC_CONTEXT_OID with the version (1) appended: what
# gss_krb5_export_lucid_sec_context inquires.
INQ_LUCID_V1 = graw.OID.from_int_seq('1.2.840.113554.1.2.2.5.6.1')
# GSS_C_SEC_CONTEXT_SASL_SSF: 4 bytes, big-endian, the key's bits.
INQ_SASL_SSF = graw.OID.from_int_seq('1.2.840.113554.1.2.2.5.15')
SSF = {17: 128, 18: 256, 19: 128, 20: 256}
GSS_S_UNAVAILABLE = 16 << 16
ROUTINE_MASK = 0xff << 16
# gssk's minor codes (include/uapi/linux/gssk.h) and lib/status.c's texts,
# which gss_display_status gives through the interposer.
GSSK_MINOR_WRONG_UID = 0x47534b15
WRONG_UID_TEXT = "the importer's euid is not the one the export allows"
KERNEL_HELD_TEXT = 'gssk-interposer: the kernel holds this context'
INTERPOSER_SO = 'gssk-interposer.so'
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


def gss_error(e):
    """A GSSError as plain data that pickles across processes."""
    return ('error', e.maj_code, e.min_code, str(e))


def inquire(ctx, oid):
    try:
        return ('ok', [bytes(b) for b in
                       graw.inquire_sec_context_by_oid(ctx, oid)])
    except gssapi.exceptions.GSSError as e:
        return gss_error(e)


def inquiries(ctx, mode):
    """What a context answers to the inquiries issue 11 names. The lucid
    context only on a kernel-held context (mode gssk): MIT's answer is a
    pointer to memory the caller must free, and
    gss_krb5_export_lucid_sec_context deletes the context it exports."""
    got = {'session key inquiry': inquire(ctx, INQ_SESSION_KEY),
           'SASL SSF inquiry': inquire(ctx, INQ_SASL_SSF)}
    if mode == 'gssk':
        got['lucid context v1 inquiry'] = inquire(ctx, INQ_LUCID_V1)
        try:
            graw.krb5_export_lucid_sec_context(ctx, 1)
            got['gss_krb5_export_lucid_sec_context v1'] = ('ok', [])
        except gssapi.exceptions.GSSError as e:
            got['gss_krb5_export_lucid_sec_context v1'] = gss_error(e)
    return got


def check_inquiries(tag, mode, enctype, got):
    """The answers of inquiries() in a worker, against the mode."""
    for what in sorted(got):
        res = got[what]
        name = '%s: %s' % (tag, what)
        if what == 'SASL SSF inquiry':
            want = SSF.get(enctype)
            ssf = (int.from_bytes(res[1][0], 'big')
                   if res[0] == 'ok' and len(res[1]) == 1 and
                   len(res[1][0]) == 4 else None)
            check(name + ' answers %s' % want, ssf == want,
                  'answer %r' % (res,))
        elif mode == 'mit' and what == 'session key inquiry':
            oid = (graw.OID(elements=res[1][1]).dotted_form
                   if res[0] == 'ok' and len(res[1]) == 2 else None)
            check(name + ' works (enctype %d)' % enctype,
                  oid == ENCTYPE_ARC + str(enctype), 'answer %r' % (res,))
        else:
            ok = (res[0] == 'error' and
                  res[1] & ROUTINE_MASK == GSS_S_UNAVAILABLE)
            if ok:
                diag('%s: %s' % (name, res[3]))
            check(name + ' fails with GSS_S_UNAVAILABLE', ok,
                  'answer %r' % (res,))
            if ok:
                check(name + ': gss_display_status gives gssk\'s text',
                      KERNEL_HELD_TEXT in res[3], res[3])


def interposer_loaded():
    """Whether gssk-interposer.so is mapped into this process."""
    with open('/proc/self/maps') as f:
        return any(INTERPOSER_SO in line for line in f)


def worker(conn, mode):
    """In the worker: unpickle the acceptor, unwrap, inquire, wrap, MIC."""
    try:
        actx = conn.recv()              # ForkingPickler.loads: import
        wrapped = conn.recv()
        res = actx.unwrap(wrapped)
        if res.message != TO_WORKER or not res.encrypted:
            raise RuntimeError('worker unwrapped %r (encrypted %s)'
                               % (res.message, res.encrypted))
        inq = inquiries(actx, mode)
        reply = actx.wrap(TO_PARENT, True).message
        mic = actx.get_signature(TO_PARENT)
        conn.send(('ok', reply, mic, type(actx).__name__, inq))
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
    # In mode gssk too: MIT holds the acceptor until it is exported.
    if isinstance(got, int):
        check(tag + ': session key enctype', got == enctype,
              'enctype %d, want %d' % (got, enctype))
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
    proc = mp.Process(target=worker, args=(child, mode),
                      name='pyctx-' + method)
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
    _, reply, mic, cls, inq = answer
    diag('%s: worker got a %s' % (tag, cls))
    check_inquiries(tag + ' worker', mode, enctype, inq)
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


# ---- another process: another uid, or one without the interposer ----

def import_file(path):
    """--import-file: in the other process, unpickle the context in PATH
    (a pickled dict: 'context', the pickled SecurityContext; 'wrapped',
    the initiator's message), unwrap, inquire, wrap and make a MIC; write
    a pickled dict of what happened to stdout."""
    out = {'uid': os.geteuid()}
    try:
        with open(path, 'rb') as f:
            job = pickle.load(f)
        try:
            ctx = pickle.loads(job['context'])
        except gssapi.exceptions.GSSError as e:
            out['import'] = gss_error(e)
        else:
            out['import'] = ('ok', type(ctx).__name__)
            res = ctx.unwrap(job['wrapped'])
            out['unwrapped'] = (res.message, res.encrypted)
            out['inquiries'] = inquiries(ctx, job['mode'])
            out['reply'] = ctx.wrap(TO_PARENT, True).message
            out['mic'] = ctx.get_signature(TO_PARENT)
    except BaseException:
        out['exception'] = traceback.format_exc()
    out['interposer'] = interposer_loaded()
    sys.stdout.buffer.write(pickle.dumps(out))
    sys.stdout.flush()
    return 0


def other_process(tag, data, wrapped, mode, argv_prefix, env):
    """Run import_file in another process (argv_prefix before the
    interpreter, env its environment) on data and wrapped; its answer
    dict, or None after a FAIL line."""
    tmp = tempfile.mkdtemp(prefix='gssk-pyctx.')
    try:
        os.chmod(tmp, 0o755)            # another uid reads the file
        path = os.path.join(tmp, 'job')
        with open(path, 'wb') as f:
            pickle.dump({'context': data, 'wrapped': wrapped,
                         'mode': mode}, f)
        os.chmod(path, 0o644)
        cmd = argv_prefix + [sys.executable, os.path.abspath(__file__),
                             '--import-file', path]
        try:
            proc = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL,
                                  capture_output=True,
                                  timeout=WORKER_TIMEOUT)
        except subprocess.TimeoutExpired:
            check(tag + ': the other process finishes', False,
                  'no answer in %d s: %s' % (WORKER_TIMEOUT, ' '.join(cmd)))
            return None
        except OSError as e:
            check(tag + ': the other process starts', False,
                  '%s: %r' % (' '.join(cmd), e))
            return None
    finally:
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)
    if proc.stderr:
        diag('%s: the other process\'s stderr:\n%s'
             % (tag, proc.stderr.decode(errors='replace')))
    try:
        out = pickle.loads(proc.stdout)
    except Exception as e:
        out = None
        why = repr(e)
    if proc.returncode != 0 or out is None or 'exception' in out:
        check(tag + ': the other process runs without a crash', False,
              'exit status %s, %s' % (proc.returncode,
                                      out.get('exception') if out else why))
        return None
    check(tag + ': the other process runs without a crash', True)
    return out


def other_uid(enctype, uid, policy):
    """--other-uid UID: a worker of another uid is refused unless the
    configuration names it."""
    tag = 'e%d uid %d worker, %s policy' % (enctype, uid, policy)
    try:
        ictx, actx = establish(enctype)
        wrapped = ictx.wrap(TO_WORKER, True).message
        data = bytes(ForkingPickler.dumps(actx))
    except (gssapi.exceptions.GSSError, RuntimeError):
        check(tag + ': establish and pickle the acceptor', False,
              traceback.format_exc())
        return
    token = peek_token(data)
    check(tag + ': the token is a reference', len(token) < 100,
          '%d bytes' % len(token))
    env = {k: v for k, v in os.environ.items()
           if k not in ('KRB5_CONFIG', 'KRB5CCNAME')}   # root's files
    out = other_process(tag, data, wrapped, 'gssk',
                        ['setpriv', '--reuid', str(uid), '--regid', str(uid),
                         '--clear-groups'], env)
    if out is None:
        return
    check(tag + ': the other process runs as uid %d with the interposer'
          % uid, out['uid'] == uid and out['interposer'],
          'euid %d, interposer mapped: %s' % (out['uid'], out['interposer']))
    imp = out['import']
    if policy == 'default':
        if not check(tag + ': unpickling is refused with a GSSError',
                     imp[0] == 'error', 'it imported: %r' % (imp,)):
            return
        diag('%s: %s' % (tag, imp[3]))
        check(tag + ': minor status GSSK_MINOR_WRONG_UID (0x%x)'
              % GSSK_MINOR_WRONG_UID, imp[2] == GSSK_MINOR_WRONG_UID,
              'major 0x%x, minor 0x%x' % (imp[1], imp[2]))
        check(tag + ': gss_display_status gives gssk\'s text',
              WRONG_UID_TEXT in imp[3], imp[3])
        # The kernel leaves a refused token importable by the right process.
        try:
            ctx = pickle.loads(data)
            res = ctx.unwrap(wrapped)
            check(tag + ': the refused reference still imports for its '
                  'exporter, whose context unwraps the message',
                  res.message == TO_WORKER and res.encrypted,
                  '%r (encrypted %s)' % (res.message, res.encrypted))
        except gssapi.exceptions.GSSError:
            check(tag + ': the refused reference still imports for its '
                  'exporter', False, traceback.format_exc())
        return
    if not check(tag + ': unpickling imports the context', imp[0] == 'ok',
                 '%r' % (imp,)):
        return
    check(tag + ': the worker unwraps the initiator\'s message',
          out['unwrapped'] == (TO_WORKER, True), '%r' % (out['unwrapped'],))
    check_inquiries(tag, 'gssk', enctype, out['inquiries'])
    try:
        res = ictx.unwrap(out['reply'])
        check(tag + ': initiator unwraps the worker\'s reply',
              res.message == TO_PARENT and res.encrypted,
              '%r (encrypted %s)' % (res.message, res.encrypted))
        ictx.verify_signature(TO_PARENT, out['mic'])
        check(tag + ': initiator verifies the worker\'s MIC', True)
    except gssapi.exceptions.GSSError:
        check(tag + ': initiator unwraps and verifies', False,
              traceback.format_exc())


def no_interposer(enctype):
    """A process without the interposer gets a reference: a GSSError; the
    reference still imports here, with the interposer."""
    tag = 'e%d without the interposer' % enctype
    try:
        ictx, actx = establish(enctype)
        wrapped = ictx.wrap(TO_WORKER, True).message
        data = bytes(ForkingPickler.dumps(actx))
    except (gssapi.exceptions.GSSError, RuntimeError):
        check(tag + ': establish and pickle the acceptor', False,
              traceback.format_exc())
        return
    env = dict(os.environ, GSS_MECH_CONFIG='/dev/null')
    out = other_process(tag, data, wrapped, 'gssk', [], env)
    if out is None:
        return
    check(tag + ': GSS_MECH_CONFIG=/dev/null leaves gssk-interposer.so out',
          not out['interposer'], 'it is mapped')
    imp = out['import']
    if not check(tag + ': unpickling the reference fails with a GSSError',
                 imp[0] == 'error', 'it imported: %r' % (imp,)):
        return
    diag('%s: major 0x%x, minor 0x%x: %s' % (tag, imp[1], imp[2], imp[3]))
    try:
        ctx = pickle.loads(data)
        res = ctx.unwrap(wrapped)
        check(tag + ': the reference still imports with the interposer, '
              'whose context unwraps the message',
              res.message == TO_WORKER and res.encrypted,
              '%r (encrypted %s)' % (res.message, res.encrypted))
    except gssapi.exceptions.GSSError:
        check(tag + ': the reference still imports with the interposer',
              False, traceback.format_exc())


# ---- --list-modules ----

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
    # What other_process uses to start the other process (which runs
    # this script, and so loads what it imports).
    tmp = tempfile.mkdtemp(prefix='gssk-pyctx.')
    os.rmdir(tmp)
    try:
        subprocess.run([sys.executable, '-c', ''], capture_output=True,
                       timeout=WORKER_TIMEOUT)
    except subprocess.TimeoutExpired:
        pass
    files.update(module_files())
    for f in sorted(files):
        print(f)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--mode', choices=('mit', 'gssk'), default='mit')
    ap.add_argument('--enctype', type=int)
    ap.add_argument('--methods', default='spawn,fork')
    ap.add_argument('--other-uid', type=int)
    ap.add_argument('--policy', choices=('default', 'config'),
                    default='default')
    ap.add_argument('--import-file')
    ap.add_argument('--list-modules', action='store_true')
    args = ap.parse_args()
    if args.list_modules:
        return list_modules()
    if args.import_file:
        return import_file(args.import_file)
    if args.enctype is None:
        ap.error('--enctype is required')
    if args.other_uid is not None:
        if args.mode != 'gssk':
            ap.error('--other-uid needs --mode gssk')
        other_uid(args.enctype, args.other_uid, args.policy)
        return 1 if failed else 0
    for method in args.methods.split(','):
        one_method(args.mode, args.enctype, method)
    if args.mode == 'gssk':
        no_interposer(args.enctype)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
