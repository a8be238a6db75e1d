#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A privilege-separated Kerberos server in plain python3-gssapi.

The second act of `make demo` (tools/demo/demo.sh): this program has never
heard of gssk. The acceptor (root) establishes the client's context and
hands it to the worker the way Python hands objects to another process,
with pickle (python-gssapi pickles a SecurityContext through
gss_export_sec_context); the worker unpickles it (gss_import_sec_context)
and serves the client. With gssk's interposer enabled, the pickle carries
a 53-byte gssk reference bound to /etc/gssk/interposer.conf's importer
policy instead of MIT's session keys.

The wire format is that of examples/wire.h: frames of a 4-byte big-endian
length and that many bytes, an empty frame ends a conversation; the
acceptor passes the client's connection to the worker as SCM_RIGHTS with
the pickle.

  pyserver.py acceptor LISTEN WORKER-SOCKET [LEAK-FILE]
      (with LEAK-FILE: write the pickle there too, and hand it to the
      worker only once the file is gone)
  pyserver.py worker LISTEN
  pyserver.py steal FILE     (unpickle a leaked context: must be refused)
"""

import os
import pickle
import socket
import struct
import sys
import time

import gssapi


def frame_send(sock, data):
    sock.sendall(struct.pack('>I', len(data)) + data)


def recv_exact(sock, n):
    buf = b''
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError('connection closed')
        buf += chunk
    return buf


def frame_recv(sock):
    (n,) = struct.unpack('>I', recv_exact(sock, 4))
    return recv_exact(sock, n)


def listen(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    os.chmod(path, 0o666)
    s.listen(1)
    return s


def acceptor(path, worker_path, leak=None):
    srv = listen(path)
    conn, _ = srv.accept()
    ctx = gssapi.SecurityContext(usage='accept')
    while not ctx.complete:
        out = ctx.step(frame_recv(conn))
        if out:
            frame_send(conn, out)
    print('acceptor: %s authenticated; pickling the context for the worker'
          % ctx.initiator_name, flush=True)
    blob = pickle.dumps(ctx)
    print('acceptor: the pickle is %d bytes' % len(blob), flush=True)
    if leak:
        # The demo's stolen copy: wait until the demo has let a thief try
        # it and removed it, so the thief comes before the worker.
        with open(leak, 'wb') as f:
            f.write(blob)
        while os.path.exists(leak):
            time.sleep(0.05)
    w = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    w.connect(worker_path)
    msg = struct.pack('>I', len(blob)) + blob
    socket.send_fds(w, [msg], [conn.fileno()])
    w.close()
    conn.close()


def worker(path):
    srv = listen(path)
    a, _ = srv.accept()
    head, fds, _, _ = socket.recv_fds(a, 4, 1)
    head += recv_exact(a, 4 - len(head))
    (n,) = struct.unpack('>I', head)
    blob = recv_exact(a, n)
    ctx = pickle.loads(blob)
    print('worker: uid %d unpickled the context' % os.getuid(), flush=True)
    conn = socket.socket(fileno=fds[0])
    while True:
        token = frame_recv(conn)
        if not token:
            break
        msg = ctx.unwrap(token).message
        reply = b'worker uid %d read: ' % os.getuid() + msg
        frame_send(conn, ctx.wrap(reply, True).message)
    conn.close()


def steal(path):
    with open(path, 'rb') as f:
        blob = f.read()
    try:
        pickle.loads(blob)
    except gssapi.exceptions.GSSError as e:
        print('steal: refused: %s' % e)
        return 1
    print('steal: uid %d imported the context!' % os.getuid())
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == 'acceptor':
        acceptor(argv[2], argv[3], argv[4] if len(argv) > 4 else None)
    elif len(argv) == 3 and argv[1] == 'worker':
        worker(argv[2])
    elif len(argv) == 3 and argv[1] == 'steal':
        return steal(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
