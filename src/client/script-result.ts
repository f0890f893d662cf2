/** The body of an execute (`{success, result, output, error, request_id}`) as a value or a DazScriptError. */
import { DazProtocolError, DazScriptError } from './errors.js';

export interface ExecuteResult<T> {
  result: T;
  /** Size of the server's answer, bytes. */
  bytes?: number;
  /** Lines the script printed. */
  output: string[];
  /** The server's id for this request (in its log). */
  requestId: string;
}

export function scriptResult<T>(body: unknown, script: string, where: string): ExecuteResult<T> {
  if (!body || typeof body !== 'object')
    throw new DazProtocolError(`${where}: expected a JSON object, got ${typeof body}`);
  const reply = body as {
    success?: unknown;
    result?: unknown;
    output?: unknown;
    error?: unknown;
    request_id?: unknown;
  };
  const output = Array.isArray(reply.output) ? reply.output.map(String) : [];
  const requestId = typeof reply.request_id === 'string' ? reply.request_id : '';
  if (reply.success === false)
    throw new DazScriptError(String(reply.error ?? 'unknown error'), requestId, output, script);
  return { result: reply.result as T, output, requestId };
}
