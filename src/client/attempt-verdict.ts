/**
 * What a failed attempt at a request means: retry it, or fail with which typed error, and what
 * to throw when the retries run out. The transport (transport.ts) sends; this decides.
 *
 * - 429 and 503 are refusals made before anything ran: any request may be retried.
 * - A reset, a timeout or an answer cut short may come after the script ran: only idempotent
 *   requests (reads) are retried; timeouts and cut-short answers count as faults, which the
 *   transport bounds on their own (`faultAttempts`).
 * - Connection refused, other refusals and anything unknown fail at once.
 */
import {
  DazAuthError,
  DazConnectionError,
  DazProtocolError,
  DazServerError,
  DazTimeoutError,
} from './errors.js';
import type { JsonResponse } from './transport.js';

/** The request as the verdict needs it. */
export interface AttemptSpec {
  method: string;
  path: string;
  idempotent: boolean;
  url: string;
  timeoutMs: number;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
export const REFUSED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** An answer whose JSON stops before its end (see isCutShortJson): the transport throws it, judgeFailure judges it. */
export class CutShortAnswer extends Error {
  constructor(
    readonly status: number,
    readonly bytes: number,
  ) {
    super('answer cut short');
  }
}

/** What to do after a failed attempt: fail now, or retry (and what to throw when retries run out). */
export type Verdict =
  | { retry: false; error: unknown }
  | {
      retry: true;
      reason: string;
      /** A timeout or a cut-short answer: counts against `faultAttempts`. */
      fault: boolean;
      code?: string;
      afterMs?: number;
      giveUp: (attempts: number) => Error;
    };

/** A failed attempt (no answer, or an answer cut short): retry, or the error to throw. */
export function judgeFailure(err: unknown, spec: AttemptSpec): Verdict {
  const what = `${spec.method} ${spec.path}`;
  const { timeoutMs, url } = spec;
  if (err instanceof CutShortAnswer) {
    const context = { status: err.status, path: spec.path, bytes: err.bytes };
    if (!spec.idempotent) {
      return {
        retry: false,
        error: new DazProtocolError(
          `${what}: the answer was cut short (${err.bytes} bytes of unfinished JSON); the script may have run, so it is not sent again`,
          context,
        ),
      };
    }
    return {
      retry: true,
      reason: 'answer cut short',
      fault: true,
      giveUp: (attempts) =>
        new DazProtocolError(
          `${what}: the answer was cut short (${err.bytes} bytes of unfinished JSON), in all ${attempts} attempts`,
          { ...context, attempts },
        ),
    };
  }
  const code = errorCode(err);
  if (REFUSED_CODES.has(code))
    return {
      retry: false,
      error: new DazConnectionError(url, { cause: err, context: { path: spec.path } }),
    };
  if (TIMEOUT_CODES.has(code)) {
    if (!spec.idempotent) return { retry: false, error: new DazTimeoutError(what, timeoutMs) };
    return {
      retry: true,
      reason: 'timeout',
      fault: true,
      giveUp: (attempts) => new DazTimeoutError(what, timeoutMs, { attempts }),
    };
  }
  if (!RESET_CODES.has(code)) return { retry: false, error: err };
  if (!spec.idempotent) {
    return {
      retry: false,
      error: new DazConnectionError(url, {
        cause: err,
        context: { path: spec.path, reset: true },
        suggestion: 'the connection dropped mid-request; the script may or may not have run',
      }),
    };
  }
  const reason = `connection ${code}`;
  return {
    retry: true,
    reason,
    fault: false,
    giveUp: (attempts) => new DazConnectionError(url, { context: { path: spec.path, attempts, reason } }),
  };
}

/** An answer with a status ≥ 400: 429 and 503 are refusals before anything ran, retried; the rest fail. */
export function judgeReply(reply: JsonResponse): Verdict {
  if (reply.status !== 429 && reply.status !== 503) return { retry: false, error: refusal(reply) };
  const code = (reply.body as { error_code?: unknown } | null)?.error_code;
  return {
    retry: true,
    reason: `HTTP ${reply.status}`,
    fault: false,
    code: typeof code === 'string' ? code : undefined,
    afterMs: retryAfter(reply.headers['retry-after']),
    giveUp: () => refusal(reply),
  };
}

export function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return '';
}

function retryAfter(value: string | string[] | undefined): number | undefined {
  const seconds = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** An HTTP ≥ 400 answer as a typed error. */
export function refusal(reply: JsonResponse): Error {
  const b = (reply.body ?? {}) as { error_code?: unknown; error?: unknown; detail?: unknown };
  const code = typeof b.error_code === 'string' ? b.error_code : '';
  const message = typeof b.error === 'string' ? b.error : `HTTP ${reply.status}`;
  if (reply.status === 401 || reply.status === 403) return new DazAuthError(reply.status, code, message);
  const retryAfterMs = retryAfter(reply.headers['retry-after']);
  return new DazServerError(
    reply.status,
    code,
    message,
    typeof b.detail === 'string' ? b.detail : undefined,
    retryAfterMs === undefined ? undefined : retryAfterMs / 1000,
  );
}
