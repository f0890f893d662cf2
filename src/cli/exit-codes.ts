/**
 * Exit statuses, one table. Scripts calling dazport can tell "fix your input" from "start the
 * server" from "the server said no" without parsing text.
 */
export const EXIT = {
  OK: 0,
  /** Bad command line (commander's own usage errors also exit 1). */
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

const BY_CODE: Record<string, number> = {
  DAZPORT_USAGE: EXIT.USAGE,
  DAZPORT_SCENE_NOT_FOUND: EXIT.INPUT,
  DAZPORT_SCENE_INVALID: EXIT.INPUT,
  DAZPORT_TOKEN_FILE_PROTECTED: EXIT.USAGE,
  DAZPORT_EMULATOR_START: EXIT.INPUT,
  DAZPORT_LISTEN: EXIT.CONNECTION,
  DAZPORT_CONNECTION: EXIT.CONNECTION,
  DAZPORT_AUTH: EXIT.AUTH,
  DAZPORT_SERVER: EXIT.SERVER,
  DAZPORT_PROTOCOL: EXIT.SERVER,
  DAZPORT_SCRIPT: EXIT.SCRIPT,
  DAZPORT_JOB: EXIT.SCRIPT,
  DAZPORT_TIMEOUT: EXIT.SERVER,
  DAZPORT_NODE_NOT_FOUND: EXIT.INPUT,
  DAZPORT_SCENE_CHANGED: EXIT.SERVER,
  DAZPORT_MESH_TOPOLOGY: EXIT.INPUT,
  DAZPORT_TOKEN_FILE: EXIT.AUTH,
  DAZPORT_BVH_PARSE: EXIT.INPUT,
  DAZPORT_BVH_READ: EXIT.INPUT,
  DAZPORT_INPUT_TYPE: EXIT.INPUT,
  DAZPORT_BONEMAP_INVALID: EXIT.INPUT,
  DAZPORT_RETARGET: EXIT.INPUT,
  DAZPORT_RETARGET_COVERAGE: EXIT.INPUT,
  DAZPORT_OUTPUT: EXIT.OUTPUT,
};

export function exitCodeFor(code: string | undefined): number {
  return (code !== undefined ? BY_CODE[code] : undefined) ?? EXIT.INTERNAL;
}
