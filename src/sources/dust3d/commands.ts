/**
 * The commands Dust3D's Remote IO server knows (src/remoteioconnection.cpp, names compared
 * lowercased). Dust3D answers nothing at all to any other name, so a client that sent one would
 * wait for a reply that never comes and then match the next reply to the wrong command: the
 * client refuses unknown names before sending.
 *
 * @category Dust3D
 */
export const DUST3D_COMMANDS = [
  'listwindow',
  'selectwindow',
  'undo',
  'redo',
  'paste',
  'removenode',
  'removeedge',
  'removepart',
  'addnode',
  'addnodewithid',
  'scalenodebyaddradius',
  'movenodeby',
  'setnodeorigin',
  'setnoderadius',
  'setnodebonemark',
  'switchnodexz',
  'moveoriginby',
  'addedge',
  'setpartlockstate',
  'setpartvisiblestate',
  'setpartsubdivstate',
  'setpartdisablestate',
  'setpartxmirrorstate',
  'setpartroundstate',
  'setpartchamferstate',
  'getnodepartid',
  'savesnapshot',
  'getsnapshot',
  'exportasobj',
  'new',
  'setpartcolor',
] as const;

export type Dust3dCommandName = (typeof DUST3D_COMMANDS)[number];

const KNOWN = new Set<string>(DUST3D_COMMANDS);

/** The command's name as Dust3D reads it: up to the first whitespace, lowercased. */
export function commandName(text: string): string {
  return text
    .trimStart()
    .split(/[ \t\r\n]/, 1)[0]
    .toLowerCase();
}

/** True when Dust3D has a handler for the command's name (so it will answer). */
export function isKnownCommand(text: string): boolean {
  return KNOWN.has(commandName(text));
}
