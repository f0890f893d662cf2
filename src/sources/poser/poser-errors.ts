/**
 * The typed errors of the Poser source: connection (refused, closed, timed out; exit 3), protocol
 * (not dazport's envelope; exit 5) and script (a Python exception inside Poser; exit 6).
 */
import { DazportError } from '../../errors.js';

/** Received text quoted in messages is cut to this many characters. */
const QUOTE_CHARS = 300;

function quote(text: string): string {
  const t = text.trim();
  return t.length > QUOTE_CHARS ? `${t.slice(0, QUOTE_CHARS)}…` : t;
}

export function poserConnectionError(message: string, address: string, cause?: unknown): DazportError {
  return new DazportError('DAZPORT_POSER_CONNECTION', message, {
    context: { address },
    suggestion:
      'start PoserTalkr inside Poser (File > Run Python Script) and check the host and port; ' +
      'dazport connects to 127.0.0.1:55555 by default',
    cause,
  });
}

export function poserTimeoutError(request: string, address: string, timeoutMs: number): DazportError {
  return new DazportError(
    'DAZPORT_POSER_TIMEOUT',
    `Poser did not answer request ${request} within ${timeoutMs} ms at ${address}`,
    {
      context: { address, request, timeoutMs },
      suggestion: 'Poser may be busy (a render, a dialog open); raise timeoutMs for big scenes',
      cliSuggestion: 'Poser may be busy (a render, a dialog open); raise --timeout for big scenes',
    },
  );
}

export function poserProtocolError(message: string, received: string, request?: string): DazportError {
  const text = quote(received);
  return new DazportError('DAZPORT_POSER_PROTOCOL', text ? `${message}: "${text}"` : message, {
    context: { received: text, ...(request ? { request } : {}) },
    suggestion:
      'is the server at this address PoserTalkr? Another client from this machine shares its workspace',
  });
}

/** What dazport's helper reports for a Python exception. */
export interface PythonFailure {
  type: string;
  message: string;
  traceback?: string;
}

export function poserScriptError(failure: PythonFailure, request: string, op: string): DazportError {
  return new DazportError(
    'DAZPORT_POSER_SCRIPT',
    `Python raised ${failure.type}: ${failure.message} (request ${request}, ${op})`,
    { context: { request, op, pythonType: failure.type, traceback: failure.traceback ?? '' } },
  );
}
