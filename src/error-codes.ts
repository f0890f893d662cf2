/**
 * Every error code dazport raises, what it means and the exit status the command line gives it.
 *
 * This table is the documentation: `--json` failures carry one of these codes, scripts match on
 * them, and the CLI's exit status comes from here (src/cli/exit-codes.ts). A test greps the
 * sources for `'DAZPORT_…'` literals and fails on any code missing here, so it cannot go stale.
 */
export const EXIT = {
  OK: 0,
  /** Bad command line: commander's own usage errors, and ours (DAZPORT_USAGE). */
  USAGE: 1,
  /** An input file or scene is missing or malformed. */
  INPUT: 2,
  /** No DazScript Server answered, or `dazport emulator` could not listen on its address. */
  CONNECTION: 3,
  /** The server refused the token or the address. */
  AUTH: 4,
  /** The server refused the request (limits, busy, not found, validation). */
  SERVER: 5,
  /** A DazScript failed inside DAZ Studio. */
  SCRIPT: 6,
  /** An output could not be written. */
  OUTPUT: 7,
  /** A bug in dazport: please report it. */
  INTERNAL: 70,
  /**
   * Stopped by Ctrl-C (SIGINT): 128 + 2, what shells report for a process the signal killed.
   * dazport first removes its temporary files; an output being written keeps its previous
   * version, outputs already finished stay (src/cli/interrupt.ts).
   */
  INTERRUPTED: 130,
  /** Stopped by SIGTERM (128 + 15), with the same clean-up as {@link EXIT.INTERRUPTED}. */
  TERMINATED: 143,
} as const;

export interface ErrorCodeInfo {
  /** The command line's exit status for this code. */
  exit: number;
  /** One line: what went wrong, in the user's terms. */
  meaning: string;
}

export const ERROR_CODES = {
  DAZPORT_USAGE: {
    exit: EXIT.USAGE,
    meaning: 'bad command line: unknown or missing option, invalid value, unknown command',
  },
  DAZPORT_TOKEN_FILE_PROTECTED: {
    exit: EXIT.USAGE,
    meaning: "the emulator was pointed at DAZ Studio's own token file, which it never overwrites",
  },
  DAZPORT_TOKEN_FILE_IN_USE: {
    exit: EXIT.USAGE,
    meaning: 'another running emulator uses that token file; give this one its own --token-file',
  },
  DAZPORT_SCENE_NOT_FOUND: {
    exit: EXIT.INPUT,
    meaning: 'a scene file (--scene) is neither built in nor readable',
  },
  DAZPORT_SCENE_INVALID: { exit: EXIT.INPUT, meaning: 'a scene file or scene data is malformed' },
  DAZPORT_EMULATOR_START: {
    exit: EXIT.INPUT,
    meaning: "the emulator's scene could not be built or its worker failed",
  },
  DAZPORT_PYTHON_MISSING: {
    exit: EXIT.INPUT,
    meaning: 'the Poser emulator runs on python3, which is not installed or not on PATH',
  },
  DAZPORT_NODE_NOT_FOUND: {
    exit: EXIT.INPUT,
    meaning: 'a label (--select, --figure, live:) is not in the scene',
  },
  DAZPORT_MESH_TOPOLOGY: { exit: EXIT.INPUT, meaning: 'a mesh read from the scene is inconsistent' },
  DAZPORT_BVH_READ: { exit: EXIT.INPUT, meaning: 'a BVH file cannot be read (missing, unreadable)' },
  DAZPORT_BVH_PARSE: { exit: EXIT.INPUT, meaning: 'a BVH file is malformed (file and line named)' },
  DAZPORT_INPUT_TYPE: {
    exit: EXIT.INPUT,
    meaning: 'the file is another kind (GLB, FBX, OBJ, image, archive...) than the command reads',
  },
  DAZPORT_GLTF_READ: {
    exit: EXIT.INPUT,
    meaning: 'a file given to inspect as glTF (.glb, .gltf) cannot be read as glTF',
  },
  DAZPORT_BONEMAP_INVALID: { exit: EXIT.INPUT, meaning: 'a bone map (--bone-map) is malformed' },
  DAZPORT_RETARGET: { exit: EXIT.INPUT, meaning: 'the clip cannot be retargeted onto that figure' },
  DAZPORT_RETARGET_COVERAGE: {
    exit: EXIT.INPUT,
    meaning: 'body joints of the figure have no source joint (map them, or --allow-partial)',
  },
  DAZPORT_CONNECTION: { exit: EXIT.CONNECTION, meaning: 'no DazScript Server answered at the address' },
  DAZPORT_POSER_CONNECTION: {
    exit: EXIT.CONNECTION,
    meaning: 'no PoserTalkr server answered at the address, or it closed the connection mid-reply',
  },
  DAZPORT_POSER_TIMEOUT: {
    exit: EXIT.CONNECTION,
    meaning: 'Poser (PoserTalkr) did not answer a request in time (timeoutMs)',
  },
  DAZPORT_DUST3D_CONNECTION: {
    exit: EXIT.CONNECTION,
    meaning: 'no Dust3D Remote IO server answered at the address, or it closed the connection mid-reply',
  },
  DAZPORT_DUST3D_TIMEOUT: {
    exit: EXIT.CONNECTION,
    meaning: 'Dust3D did not answer a Remote IO command in time (timeoutMs)',
  },
  DAZPORT_LISTEN: {
    exit: EXIT.CONNECTION,
    meaning: 'the emulator cannot listen on its address (port taken...)',
  },
  DAZPORT_AUTH: { exit: EXIT.AUTH, meaning: 'the server refused the token or this address' },
  DAZPORT_TOKEN_FILE: { exit: EXIT.AUTH, meaning: 'the token file cannot be read or is empty' },
  DAZPORT_SERVER: { exit: EXIT.SERVER, meaning: 'the server refused the request (limits, busy, validation)' },
  DAZPORT_DUST3D_COMMAND: {
    exit: EXIT.SERVER,
    meaning: 'Dust3D refused a Remote IO command (its `-` reply is in the message)',
  },
  DAZPORT_PROTOCOL: { exit: EXIT.SERVER, meaning: 'the server answered something that is not the protocol' },
  DAZPORT_POSER_PROTOCOL: {
    exit: EXIT.SERVER,
    meaning: "PoserTalkr sent something that is not dazport's envelope (stray text, a broken envelope)",
  },
  DAZPORT_TIMEOUT: { exit: EXIT.SERVER, meaning: 'the server did not answer in time (after retries)' },
  DAZPORT_SCENE_CHANGED: { exit: EXIT.SERVER, meaning: 'the scene changed while it was read (--rereads)' },
  DAZPORT_SCRIPT: { exit: EXIT.SCRIPT, meaning: 'a DazScript failed inside DAZ Studio' },
  DAZPORT_POSER_SCRIPT: {
    exit: EXIT.SCRIPT,
    meaning: 'Python raised an exception inside Poser (its type, message and the request are named)',
  },
  DAZPORT_JOB: { exit: EXIT.SCRIPT, meaning: 'an asynchronous DazScript job failed or was cancelled' },
  DAZPORT_OUTPUT: { exit: EXIT.OUTPUT, meaning: 'an output (file, folder, token file) cannot be written' },
  DAZPORT_INTERNAL: { exit: EXIT.INTERNAL, meaning: 'a bug in dazport: run with --verbose and report it' },
  DAZPORT_INTERRUPTED: {
    exit: EXIT.INTERRUPTED,
    meaning: 'stopped by Ctrl-C (130) or SIGTERM (143); temporary files were removed',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isKnownErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
