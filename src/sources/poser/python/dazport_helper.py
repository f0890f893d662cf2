# dazport's helper inside a PoserTalkr workspace (Python 2.7 and 3.x). PoserTalkr sends results
# back as raw text with no framing, so every answer of this helper is one envelope:
#   @@DAZPORT1 <request id> <payload length>@@<JSON payload>@@END <request id>@@
# The payload is {"ok": true, "value": ...} or {"ok": false, "type", "message", "traceback"}.
# Installed with eval(compile(...), globals()) so its names live in the workspace's globals.
import base64, hashlib, json, sys, traceback, zlib

__dazport_store = {}


def __dazport_envelope(request_id, payload):
    return '@@DAZPORT1 %s %d@@%s@@END %s@@' % (request_id, len(payload), payload, request_id)


def __dazport_call(request_id, op, args_b64='', workspace_locals=None):
    try:
        args = json.loads(base64.b64decode(args_b64).decode('utf-8')) if args_b64 else {}
        value = __dazport_ops[op](args, workspace_locals if workspace_locals is not None else {})
        payload = json.dumps({'ok': True, 'value': value}, separators=(',', ':'))
    except Exception:
        kind, err = sys.exc_info()[:2]
        try:
            message = str(err)
        except Exception:
            message = repr(err)
        name = kind.__name__
        if getattr(kind, '__module__', '') not in ('builtins', 'exceptions', '__builtin__', ''):
            name = kind.__module__ + '.' + name
        payload = json.dumps({'ok': False, 'type': name, 'message': message,
                              'traceback': traceback.format_exc()}, separators=(',', ':'))
    return __dazport_envelope(request_id, payload)


def __dazport_plain(value):
    try:
        json.dumps(value)
        return value
    except Exception:
        return str(value)


def __dazport_eval(args, loc):
    return __dazport_plain(eval(args['expr'], globals(), loc))


def __dazport_exec(args, loc):
    exec(compile(args['code'], '<dazport>', 'exec'), globals(), loc)
    return None


def __dazport_put(args, loc):
    # One piece of the base64 of a zlib-compressed source; part 0 starts it afresh.
    key = 'src:' + args['name']
    __dazport_store[key] = (__dazport_store.get(key, '') if args['part'] else '') + args['data']
    return len(__dazport_store[key])


def __dazport_has(args, loc):
    module = __dazport_store.get('mod:' + args['name'])
    return module is not None and module['sha1'] == args['sha1']


def __dazport_load(args, loc):
    source = zlib.decompress(base64.b64decode(__dazport_store.pop('src:' + args['name']))).decode('utf-8')
    sha1 = hashlib.sha1(source.encode('utf-8')).hexdigest()
    if sha1 != args['sha1']:
        raise ValueError('%s arrived damaged (sha1 %s, expected %s)' % (args['name'], sha1, args['sha1']))
    module = {'__name__': args['name'], 'sha1': sha1}
    exec(compile(source, args['name'] + '.py', 'exec'), module)
    __dazport_store['mod:' + args['name']] = module
    return sha1


def __dazport_run(args, loc):
    module = __dazport_store['mod:' + args['name']]
    text = json.dumps(module[args['entry']](args.get('args', {})), separators=(',', ':'))
    __dazport_store['result:' + args['key']] = text
    return len(text)


def __dazport_chunk(args, loc):
    text = __dazport_store['result:' + args['key']]
    return text[args['offset']:args['offset'] + args['size']]


def __dazport_drop(args, loc):
    __dazport_store.pop('result:' + args['key'], None)
    return None


def __dazport_ping(args, loc):
    return {'python': sys.version.split()[0]}


__dazport_ops = {'eval': __dazport_eval, 'exec': __dazport_exec, 'put': __dazport_put, 'has': __dazport_has,
                 'load': __dazport_load, 'run': __dazport_run, 'chunk': __dazport_chunk,
                 'drop': __dazport_drop, 'ping': __dazport_ping}
