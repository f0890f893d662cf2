/**
 * Typed failures of talking to a DazScript Server. Each carries a stable `code` and, where the
 * server gave one, the request id, so a user can find the request in DAZ Studio's log.
 * Tokens never appear in messages or context.
 */
import { DazportError, type DazportErrorOptions } from '../errors.js';
import type { TokenOrigin } from './token-origin.js';

/** The server could not be reached at all (refused, reset before any answer, DNS). */
export class DazConnectionError extends DazportError {
  override name = 'DazConnectionError';
  constructor(url: string, options: DazportErrorOptions = {}) {
    super('DAZPORT_CONNECTION', `cannot reach a DazScript Server at ${url}`, {
      suggestion:
        'start DAZ Studio with the DazScript Server pane running, or run `dazport emulator`; check the host and port options (DAZ_HOST, DAZ_PORT)',
      cliSuggestion:
        'start DAZ Studio with the DazScript Server pane running, or run `dazport emulator`; check --host/--port (DAZ_HOST, DAZ_PORT)',
      ...options,
      context: { url, ...options.context },
    });
  }
}

/**
 * 401/403: no token, a wrong token, or an address the server does not allow. With `origin`
 * (what the client knows of its token: token-origin.ts) the message says where the token came
 * from, and a 401's advice is the one for that source.
 */
export class DazAuthError extends DazportError {
  override name = 'DazAuthError';
  constructor(
    readonly status: number,
    readonly serverCode: string,
    readonly serverMessage: string,
    readonly origin?: TokenOrigin,
  ) {
    const byToken = status === 401 && origin;
    super('DAZPORT_AUTH', origin ? `${serverMessage}; ${origin.sent}` : serverMessage, {
      context: { status, serverCode, ...origin?.context },
      suggestion: byToken ? origin.suggestion : authSuggestion(status, serverCode),
      cliSuggestion: byToken ? origin.cliSuggestion : authCliSuggestion(status, serverCode),
    });
  }

  /** The same refusal, told where the token came from. */
  withOrigin(origin: TokenOrigin): DazAuthError {
    return new DazAuthError(this.status, this.serverCode, this.serverMessage, origin);
  }
}

function authSuggestion(status: number, serverCode: string): string {
  // The emulator refuses a Host that is a name other than localhost (DNS rebinding guard).
  if (serverCode === 'HOST_NOT_ALLOWED')
    return 'connect by address (127.0.0.1, or the address the emulator was started with), not by host name';
  if (status === 403) return "add this machine's address to the server's IP whitelist";
  return 'give the token or tokenFile option, or set DAZ_TOKEN or DAZ_TOKEN_FILE (the emulator prints its token file path)';
}

function authCliSuggestion(status: number, serverCode: string): string | undefined {
  if (status !== 401 || serverCode === 'HOST_NOT_ALLOWED') return undefined;
  return 'pass --token-file, or set DAZ_TOKEN_FILE or DAZ_TOKEN (the emulator prints its token file path)';
}

/** Any other refusal with an HTTP status ≥ 400 (limits, busy, validation, not found). */
export class DazServerError extends DazportError {
  override name = 'DazServerError';
  constructor(
    readonly status: number,
    readonly serverCode: string,
    message: string,
    readonly detail: string | undefined,
    readonly retryAfterSec: number | undefined,
  ) {
    super('DAZPORT_SERVER', detail ? `${message} (${detail})` : message, {
      context: { status, serverCode, ...(retryAfterSec === undefined ? {} : { retryAfterSec }) },
    });
  }
}

/** The script ran and failed: HTTP 200 with `success:false`. */
export class DazScriptError extends DazportError {
  override name = 'DazScriptError';
  /** Line in the script, when the server named one. */
  readonly line: number | undefined;
  /** `SyntaxError` messages mean the script never ran. */
  readonly isSyntaxError: boolean;

  constructor(
    readonly serverMessage: string,
    readonly requestId: string | undefined,
    readonly output: string[],
    readonly script: string,
  ) {
    const line = /^Line (\d+):/.exec(serverMessage);
    super('DAZPORT_SCRIPT', `DazScript failed: ${serverMessage}`, {
      context: { requestId, ...(line ? { line: Number(line[1]) } : {}) },
    });
    this.line = line ? Number(line[1]) : undefined;
    this.isSyntaxError = serverMessage.includes('SyntaxError');
  }

  /** The script with line numbers and the failing line marked, for humans. */
  get diagnostic(): string {
    const lines = this.script.split('\n');
    const width = String(lines.length).length;
    return lines
      .map((text, i) => `${i + 1 === this.line ? '>' : ' '} ${String(i + 1).padStart(width)} | ${text}`)
      .join('\n');
  }
}

/** The server answered with something that is not the protocol (not JSON, wrong shape). */
export class DazProtocolError extends DazportError {
  override name = 'DazProtocolError';
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('DAZPORT_PROTOCOL', message, { context });
  }
}

/**
 * No answer in time (headers or body), or a long poll ran past its deadline. `context.attempts`,
 * when a read was tried more than once, goes into the message.
 */
export class DazTimeoutError extends DazportError {
  override name = 'DazTimeoutError';
  constructor(what: string, ms: number, context: Record<string, unknown> = {}) {
    const attempts = typeof context.attempts === 'number' && context.attempts > 1 ? context.attempts : 0;
    const tries = attempts ? `, in all ${attempts} attempts` : '';
    super('DAZPORT_TIMEOUT', `${what}: no answer within ${ms} ms${tries}`, {
      context: { timeoutMs: ms, ...context },
      suggestion: 'DAZ Studio may be blocked by a dialog or a long operation; check it, or raise timeoutMs',
      cliSuggestion:
        'DAZ Studio may be blocked by a dialog or a long operation; check it, or raise --timeout',
    });
  }
}

/** What the scene has instead of a node that was asked for (client/inventory.ts findNodeByLabel). */
export interface NodeNotFoundHints {
  /** The labels closest to the one asked for, best first (empty when none is close). */
  candidates?: string[];
  /** When none is close: the first few labels of the scene. */
  present?: string[];
  /** Labels in the scene (bones not counted). */
  total?: number;
}

/**
 * A node the caller named is not in the scene. The message lists the closest labels
 * (`context.candidates`), or, when none is close, the first few (`context.present`).
 */
export class DazNodeNotFoundError extends DazportError {
  override name = 'DazNodeNotFoundError';
  constructor(what: string, hints: NodeNotFoundHints = {}) {
    const candidates = hints.candidates ?? [];
    const quoted = (labels: string[]) => labels.map((l) => `"${l}"`).join(', ');
    let detail = '';
    if (candidates.length) detail = `; closest: ${quoted(candidates)}`;
    else if (hints.present?.length)
      detail = `; none is close (labels: ${quoted(hints.present)}${(hints.total ?? 0) > hints.present.length ? `, … ${hints.total} in all` : ''})`;
    else if (hints.total === 0) detail = '; the scene is empty';
    super('DAZPORT_NODE_NOT_FOUND', `${what} is not in the DAZ scene${detail}`, {
      context: { node: what, candidates, ...(hints.present ? { present: hints.present } : {}) },
      suggestion: 'labels match exactly, case and spaces included: listScene(client) lists them all',
      cliSuggestion:
        'labels match exactly, case and spaces included: `dazport scene` (with the same connection options, or --emulated <scene>) lists them all',
    });
  }
}

/** The scene changed while it was being read (counts moved, or the server announced a change). */
export class DazSceneChangedError extends DazportError {
  override name = 'DazSceneChangedError';
  constructor(detail: string) {
    super('DAZPORT_SCENE_CHANGED', `the DAZ scene changed while it was being read: ${detail}`, {
      suggestion:
        'leave DAZ Studio alone during the export, or give rereads: N to read it again when it changes',
      cliSuggestion:
        'leave DAZ Studio alone during the export, or pass --rereads N to read it again when it changes',
    });
  }
}

/**
 * A mesh whose posed (cached) vertices do not belong to its base facets: a modifier that changes
 * the topology is active (SubD shown at a level above the base cage, a geometry shell ...).
 * The facets come from the base mesh, as in every DAZ Studio script that reads a posed mesh, so
 * pairing them with a different vertex list would scramble the mesh: stop and say why.
 */
export class DazMeshTopologyError extends DazportError {
  override name = 'DazMeshTopologyError';
  constructor(mesh: string, posedVertices: number, baseVertices: number) {
    super(
      'DAZPORT_MESH_TOPOLOGY',
      `${mesh}: the posed mesh has ${posedVertices} vertices but its base mesh ${baseVertices}, so the base facets do not fit it`,
      {
        context: { mesh, posedVertices, baseVertices },
        suggestion:
          "in DAZ Studio set the figure's Mesh Resolution to Base (or SubDivision Level to 0) and export again, or leave this node out of the select option",
        cliSuggestion:
          "in DAZ Studio set the figure's Mesh Resolution to Base (or SubDivision Level to 0) and export again, or leave this node out with --select",
      },
    );
  }
}

/** An async job ended failed or cancelled. */
export class DazJobError extends DazportError {
  override name = 'DazJobError';
  constructor(
    readonly requestId: string,
    readonly status: string,
    serverMessage: string,
  ) {
    super('DAZPORT_JOB', `async job ${requestId} ${status}: ${serverMessage}`, {
      context: { requestId, status },
    });
  }
}
