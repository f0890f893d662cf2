/**
 * The emulator's command handlers: one per Remote IO command, with Dust3D's parameter reading
 * and error texts (src/remoteioconnection.cpp):
 *
 * - The name is matched lowercased; parameters are split on whitespace. Numbers are read with
 *   QString::toFloat (bad text reads as 0, with no error) and ids with QUuid (bad text is the
 *   null uuid, which is what the `Must specify … parameter` errors test).
 * - Edits of ids that do not exist answer `+OK` and change nothing, as Dust3D's Document does.
 * - In `strict` mode (an emulator option, not Dust3D behaviour) a bad number is an error too.
 *
 * @category Dust3D emulator
 */
import { BONE_MARKS, type Dust3dDocument, type EmuPart } from './document-model.js';
import { isQtFloat, parseQUuid, qtColorName, qtToFloat } from './qt-text.js';

/** What a handler sees: the parameters and the document of the selected window. */
export interface CommandContext {
  params: string[];
  /** Everything after the command name, as Dust3D passes it to selectwindow. */
  rest: string;
  doc: Dust3dDocument | null;
  strict: boolean;
}

/** `{ data }` for `+OK\r\n<data>`, `{ error }` for `-<error>\r\n`. */
export type CommandResult = { data: string } | { error: string };

type Handler = (c: CommandContext) => CommandResult;

const OK: CommandResult = { data: '' };

class CommandFailure extends Error {}

const fail = (message: string): never => {
  throw new CommandFailure(message);
};

/** Runs a handler, turning its failure into Dust3D's error reply. */
export function runHandler(handler: Handler, context: CommandContext): CommandResult {
  try {
    return handler(context);
  } catch (err) {
    if (err instanceof CommandFailure) return { error: err.message };
    throw err;
  }
}

function document(c: CommandContext): Dust3dDocument {
  return c.doc ?? fail('No window selected');
}

function float(c: CommandContext, index: number, name: string): number {
  const text = c.params[index];
  if (text === undefined || text === '') fail(`Must specify ${name} parameter`);
  if (c.strict && !isQtFloat(text)) fail(`Parameter ${name} is not a number: ${text}`);
  return qtToFloat(text);
}

function uuid(c: CommandContext, index: number, name: string): string {
  return parseQUuid(c.params[index]) ?? fail(`Must specify ${name} parameter`);
}

function partState(event: string, stateName: string, apply: (part: EmuPart, value: string) => void): Handler {
  return (c) => {
    const doc = document(c);
    const id = uuid(c, 0, 'partId');
    const value = c.params[1];
    if (!value) fail(`Must specify ${stateName} parameter`);
    doc.editPart(id, event, (p) => apply(p, value.toLowerCase()));
    return OK;
  };
}

function nodeXyz(
  event: string,
  apply: (n: { x: number; y: number; z: number }, v: number[]) => void,
): Handler {
  return (c) => {
    const doc = document(c);
    const id = uuid(c, 0, 'nodeId');
    const v = [float(c, 1, 'x'), float(c, 2, 'y'), float(c, 3, 'z')];
    doc.editNode(id, event, (n) => apply(n, v));
    return OK;
  };
}

function addNode(c: CommandContext, withId: boolean): CommandResult {
  const doc = document(c);
  const shift = withId ? 1 : 0;
  const nodeId = withId ? parseQUuid(c.params[0]) : null;
  const [x, y, z, radius] = ['x', 'y', 'z', 'radius'].map((name, i) => float(c, shift + i, name));
  const fromNodeId = parseQUuid(c.params[shift + 4]);
  if (withId) {
    if (nodeId && doc.nodes.has(nodeId)) fail('The specified nodeId already exists');
    if (fromNodeId && !doc.nodes.has(fromNodeId)) fail('The specified fromNodeId does not exists');
  }
  doc.addNode(nodeId, x, y, z, radius, fromNodeId);
  return OK;
}

function removeById(
  what: 'node' | 'edge' | 'part',
  remove: (doc: Dust3dDocument, id: string) => void,
): Handler {
  return (c) => {
    const doc = document(c);
    if (!c.rest) fail(`Must specify ${what} id`);
    const capital = what[0].toUpperCase() + what.slice(1);
    const id = parseQUuid(c.rest) ?? fail(`${capital} id is invalid:${c.rest}`);
    remove(doc, id);
    return OK;
  };
}

/** A handler that only needs a selected window. */
function documentCall(action: (doc: Dust3dDocument) => void): Handler {
  return (c) => {
    action(document(c));
    return OK;
  };
}

/** Handlers by lowercased command name (listwindow and selectwindow live in the server: they need the windows). */
export const COMMAND_HANDLERS: Record<string, Handler> = {
  undo: documentCall((doc) => doc.undo()),
  redo: documentCall((doc) => doc.redo()),
  paste: documentCall(() => {}),
  removenode: removeById('node', (doc, id) => doc.removeNode(id)),
  removeedge: removeById('edge', (doc, id) => doc.removeEdge(id)),
  removepart: removeById('part', (doc, id) => doc.removePart(id)),
  addnode: (c) => addNode(c, false),
  addnodewithid: (c) => addNode(c, true),
  scalenodebyaddradius: (c) => {
    const doc = document(c);
    const id = uuid(c, 0, 'nodeId');
    const amount = float(c, 1, 'amount');
    doc.editNode(id, 'noderadiuschanged', (n) => (n.radius = Math.max(0, n.radius + amount)));
    return OK;
  },
  movenodeby: nodeXyz('nodeoriginchanged', (n, [x, y, z]) => {
    n.x += x;
    n.y += y;
    n.z += z;
  }),
  setnodeorigin: nodeXyz('nodeoriginchanged', (n, [x, y, z]) => {
    n.x = x;
    n.y = y;
    n.z = z;
  }),
  setnoderadius: (c) => {
    const doc = document(c);
    const id = uuid(c, 0, 'nodeId');
    const radius = float(c, 1, 'radius');
    doc.editNode(id, 'noderadiuschanged', (n) => (n.radius = radius));
    return OK;
  },
  setnodebonemark: (c) => {
    const doc = document(c);
    const id = uuid(c, 0, 'nodeId');
    const mark = BONE_MARKS.find((m) => m === c.params[1]) ?? 'None';
    doc.editNode(id, 'nodebonemarkchanged', (n) => (n.boneMark = mark));
    return OK;
  },
  switchnodexz: (c) => {
    const doc = document(c);
    const id = uuid(c, 0, 'nodeId');
    doc.editNode(id, 'nodeoriginchanged', (n) => ([n.x, n.z] = [n.z, n.x]));
    return OK;
  },
  moveoriginby: (c) => {
    const doc = document(c);
    doc.moveOriginBy(float(c, 0, 'x'), float(c, 1, 'y'), float(c, 2, 'z'));
    return OK;
  },
  addedge: (c) => {
    const doc = document(c);
    doc.addEdge(uuid(c, 0, 'fromNodeId'), uuid(c, 1, 'toNodeId'));
    return OK;
  },
  setpartlockstate: partState('partlockstatechanged', 'lockState', (p, v) => (p.locked = v === 'locked')),
  setpartvisiblestate: partState(
    'partvisiblestatechanged',
    'visibleState',
    (p, v) => (p.visible = v === 'visible'),
  ),
  setpartsubdivstate: partState(
    'partsubdivstatechanged',
    'subdivState',
    (p, v) => (p.subdived = v === 'subdived'),
  ),
  setpartchamferstate: partState(
    'partchamferstatechanged',
    'chamferState',
    (p, v) => (p.chamfered = v === 'chamfered'),
  ),
  setpartroundstate: partState(
    'partroundstatechanged',
    'roundState',
    (p, v) => (p.rounded = v === 'rounded'),
  ),
  setpartdisablestate: partState(
    'partdisablestatechanged',
    'disableState',
    (p, v) => (p.disabled = v === 'disabled'),
  ),
  setpartxmirrorstate: partState(
    'partxmirrorstatechanged',
    'xMirrorState',
    (p, v) => (p.xMirrored = v === 'mirrored' || v === 'xmirrored'),
  ),
  setpartcolor: (c) => {
    const doc = document(c);
    const id = uuid(c, 0, 'partId');
    const name = c.params[1];
    doc.editPart(id, 'partcolorstatechanged', (p) => {
      if (name) p.color = qtColorName(name);
      else delete p.color;
    });
    return OK;
  },
  getnodepartid: (c) => {
    const doc = document(c);
    const id = uuid(c, 0, 'nodeId');
    const node = doc.nodes.get(id) ?? fail('The specified nodeId not found');
    return { data: node.partId };
  },
  savesnapshot: documentCall((doc) => doc.saveSnapshot()),
  new: documentCall((doc) => doc.reset()),
};
