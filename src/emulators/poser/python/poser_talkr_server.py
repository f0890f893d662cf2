"""A PoserTalkr-compatible command server over the emulated `poser` module.

PoserTalkr's behaviour, as its author describes it (dazport's seed 002):
- TCP, no authentication, no framing: every chunk a client's socket delivers (one recv) is one
  packet, queued as it comes, with no checks;
- a packet starting with "=" is evaluated (eval) and str() of the result is sent back; one
  starting with "%" is resolved with object_from_path and the result sent back; anything else
  is executed (exec), compiled first when it contains a newline; exec sends back only what it
  returns, i.e. its error message when it fails;
- results go back as raw text on the client's connection, with nothing around them;
- one workspace (globals and locals) per client IP address, kept across reconnects: several
  connections from one address are one client;
- one interpreter thread runs every packet, in order, so packets of one client never overlap.
The seed does not say what object_from_path does; here it resolves a dotted path of names and
no-argument calls in the client's workspace, e.g. "%SCENE.CurrentActor().Name()".

Usage: python3 poser_talkr_server.py --host 127.0.0.1 --port 55555 --scene figure [--textures DIR]
Prints "listening <host> <port>" on stdout once it accepts connections; exits when stdin closes.
"""

import argparse
import collections
import os
import socket
import sys
import threading
import traceback

import poser
import poser_scenes

RECV_BYTES = 4096  # what PoserTalkr's own sample client reads at once


class ClientData(object):
    """What PoserTalkr keeps per client address: the workspace and the two queues."""

    def __init__(self):
        self.globals = {'__name__': '__posertalkr__', '__builtins__': __builtins__, 'poser': poser,
                        'SCENE': poser.Scene()}
        self.locals = {}
        self.input = collections.deque()
        self.output = collections.deque()


clients = {}
work = threading.Condition()  # guards `clients` and wakes the interpreter


def client_for(address):
    with work:
        if address not in clients:
            clients[address] = ClientData()
        return clients[address]


def error_text():
    kind, value = sys.exc_info()[:2]
    return ''.join(traceback.format_exception_only(kind, value))


def object_from_path(path, client):
    obj = None
    for n, part in enumerate(path.strip().split('.')):
        call = part.endswith('()')
        name = part[:-2] if call else part
        if n == 0:
            if name in client.locals:
                obj = client.locals[name]
            elif name in client.globals:
                obj = client.globals[name]
            else:
                raise NameError('name %r is not defined' % name)
        else:
            obj = getattr(obj, name)
        if call:
            obj = obj()
    return obj


def interpret(client, packet):
    """One packet, PoserTalkr's way; returns the text to send back, or None."""
    if packet.startswith('='):
        try:
            return str(eval(packet[1:], client.globals, client.locals))
        except Exception:
            return error_text()
    if packet.startswith('%'):
        try:
            return str(object_from_path(packet[1:], client))
        except Exception:
            return error_text()
    try:
        code = compile(packet, '<PoserTalkr>', 'exec') if '\n' in packet else packet
        exec(code, client.globals, client.locals)
    except Exception:
        return error_text()
    return None


def interpreter():
    """The one thread that talks to "Poser": every client's packets, oldest first."""
    while True:
        with work:
            while not any(c.input for c in clients.values()):
                work.wait()
            pending = list(clients.values())
        for client in pending:
            while client.input:
                reply = interpret(client, client.input.popleft())
                if reply is not None:
                    client.output.append(reply)


def serve_client(connection, address):
    client = client_for(address)
    connection.settimeout(0.02)
    try:
        while True:
            try:
                data = connection.recv(RECV_BYTES)
            except socket.timeout:
                data = None
            if data is not None:
                if not data:
                    break
                with work:
                    client.input.append(data.decode('utf-8', 'replace'))
                    work.notify()
            while client.output:
                connection.sendall(client.output.popleft().encode('utf-8'))
    except socket.error:
        pass
    finally:
        connection.close()


def dispatcher(listener):
    while True:
        connection, address = listener.accept()
        worker = threading.Thread(target=serve_client, args=(connection, address[0]))
        worker.daemon = True
        worker.start()


def main():
    parser = argparse.ArgumentParser(description='PoserTalkr-compatible server over an emulated Poser')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=55555)
    parser.add_argument('--scene', default='figure')
    parser.add_argument('--textures', default='')
    args = parser.parse_args()
    poser._install(poser_scenes.build_scene(args.scene, args.textures))

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((args.host, args.port))
    except socket.error as e:
        sys.stderr.write('cannot listen on %s:%d: %s\n' % (args.host, args.port, e))
        sys.exit(3)
    listener.listen(16)
    for target, arg in ((interpreter, ()), (dispatcher, (listener,))):
        thread = threading.Thread(target=target, args=arg)
        thread.daemon = True
        thread.start()
    host, port = listener.getsockname()[:2]
    sys.stdout.write('listening %s %d\n' % (host, port))
    sys.stdout.flush()
    # The parent (dazport) holds our stdin: when it goes away, so do we.
    while sys.stdin.read(4096):
        pass
    os._exit(0)


if __name__ == '__main__':
    main()
