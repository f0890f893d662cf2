/**
 * Typed failures of talking to Dust3D's Remote IO server (or its emulator). Callers match on
 * `code`: connection trouble (refused, closed mid-reply, silent past the timeout) exits with the
 * CONNECTION status; a `-` reply is Dust3D refusing one command; bad hex or a packet that is
 * neither `+`, `-` nor `#` is the protocol broken; a malformed OBJ or snapshot is scene data.
 *
 * @category Dust3D
 */
import { DazportError, type DazportErrorOptions } from '../../errors.js';

const START_DUST3D =
  'start Dust3D with the -remoteio option (e.g. `dust3d -remoteio`), or run `dazport emulator --source dust3d`; check the host and port';

/** Nothing listens at the address, or the connection dropped before a reply was complete. */
export class Dust3dConnectionError extends DazportError {
  override name = 'Dust3dConnectionError';
  constructor(address: string, what: string, options: DazportErrorOptions = {}) {
    super('DAZPORT_DUST3D_CONNECTION', `Dust3D Remote IO at ${address}: ${what}`, {
      suggestion: START_DUST3D,
      ...options,
      context: { address, ...options.context },
    });
  }
}

/** Dust3D did not answer a command in time (it ignores unknown commands and stalls on odd-length hex). */
export class Dust3dTimeoutError extends DazportError {
  override name = 'Dust3dTimeoutError';
  constructor(address: string, command: string, timeoutMs: number) {
    super(
      'DAZPORT_DUST3D_TIMEOUT',
      `Dust3D at ${address} did not answer "${command}" within ${timeoutMs} ms`,
      {
        context: { address, command, timeoutMs },
        suggestion: 'Dust3D may be busy or showing a dialog; check it, or raise timeoutMs',
        cliSuggestion: 'Dust3D may be busy or showing a dialog; check it, or raise --timeout',
      },
    );
  }
}

/** Dust3D answered `-<message>`: the command was understood and refused. */
export class Dust3dCommandError extends DazportError {
  override name = 'Dust3dCommandError';
  constructor(
    readonly command: string,
    readonly dust3dMessage: string,
  ) {
    super('DAZPORT_DUST3D_COMMAND', `Dust3D refused "${command}": ${dust3dMessage}`, {
      context: { command, dust3dMessage },
    });
  }
}

/** A packet that is not the protocol: bad hex, or a reply that starts with neither `+`, `-` nor `#`. */
export class Dust3dPacketError extends DazportError {
  override name = 'Dust3dPacketError';
  constructor(message: string, packet: string) {
    const shown = packet.length > 60 ? `${packet.slice(0, 60)}…` : packet;
    super('DAZPORT_PROTOCOL', `Dust3D packet "${shown}": ${message}`, { context: { packet: shown } });
  }
}

/** The OBJ text or snapshot XML Dust3D sent is malformed; `line` and `column` are 1-based. */
export class Dust3dParseError extends DazportError {
  override name = 'Dust3dParseError';
  constructor(
    what: 'OBJ' | 'snapshot XML',
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super('DAZPORT_SCENE_INVALID', `Dust3D ${what}, line ${line}, column ${column}: ${message}`, {
      context: { what, line, column },
    });
  }
}
