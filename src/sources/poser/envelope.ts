/**
 * dazport's envelope around PoserTalkr replies. PoserTalkr sends a result back as raw text with
 * nothing around it, so a reply cut in two TCP reads, or two replies in one read, look like any
 * other bytes. dazport's helper (python/dazport_helper.py) therefore answers every request with
 *
 *   @@DAZPORT1 <request id> <payload bytes>@@<JSON payload>@@END <request id>@@
 *
 * and this reader finds complete envelopes in whatever the socket delivers: partial envelopes
 * wait for more bytes, several envelopes in one read come out one by one, and text that is not
 * in an envelope (an exec error PoserTalkr sends back on its own) is handed to the caller as the
 * `prefix` of the next envelope. Pure: no sockets, no timers.
 */
import { poserProtocolError } from './poser-errors.js';

export const ENVELOPE_BEGIN = '@@DAZPORT1 ';
const BEGIN = Buffer.from(ENVELOPE_BEGIN, 'latin1');
const HEADER_END = Buffer.from('@@', 'latin1');
/** `<id> <length>` is short; a header that does not close within this is not ours. */
const MAX_HEADER_BYTES = 96;
const HEADER = /^([A-Za-z0-9_-]{1,64}) (\d{1,10})$/;

export interface Envelope {
  /** The request id the helper echoes. */
  id: string;
  /** The JSON text inside. */
  payload: string;
}

export interface EnvelopeRead {
  /** Bytes that came before the envelope, decoded as UTF-8 ('' when none). */
  prefix: string;
  envelope: Envelope;
}

/** Builds an envelope as the helper does (for tests and fake servers). */
export function formatEnvelope(id: string, payload: string): string {
  return `${ENVELOPE_BEGIN}${id} ${Buffer.byteLength(payload)}@@${payload}@@END ${id}@@`;
}

export class EnvelopeReader {
  #buffer: Buffer = Buffer.alloc(0);

  /** Adds what the socket delivered. */
  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
  }

  /** Everything received and not yet returned, as text (for error messages). */
  pending(): string {
    return this.#buffer.toString('utf8');
  }

  /**
   * The next complete envelope and the text before it, or null while bytes are missing.
   * Throws DAZPORT_POSER_PROTOCOL on a header or trailer that is not the format.
   */
  next(): EnvelopeRead | null {
    const start = this.#buffer.indexOf(BEGIN);
    if (start < 0) return null;
    const headerStart = start + BEGIN.length;
    const headerEnd = this.#buffer.indexOf(HEADER_END, headerStart);
    if (headerEnd < 0) {
      if (this.#buffer.length - headerStart > MAX_HEADER_BYTES)
        this.#fail('an envelope header that never ends');
      return null;
    }
    const header = this.#buffer.toString('latin1', headerStart, headerEnd);
    const match = HEADER.exec(header);
    if (!match) this.#fail(`a malformed envelope header "${header.slice(0, MAX_HEADER_BYTES)}"`);
    const [, id, lengthText] = match as RegExpExecArray;
    const payloadStart = headerEnd + HEADER_END.length;
    const payloadEnd = payloadStart + Number(lengthText);
    const trailer = Buffer.from(`@@END ${id}@@`, 'latin1');
    if (this.#buffer.length < payloadEnd + trailer.length) return null;
    if (!this.#buffer.subarray(payloadEnd, payloadEnd + trailer.length).equals(trailer)) {
      this.#fail(`envelope ${id} does not end where its length (${lengthText} bytes) says`);
    }
    const prefix = this.#buffer.toString('utf8', 0, start);
    const payload = this.#buffer.toString('utf8', payloadStart, payloadEnd);
    this.#buffer = this.#buffer.subarray(payloadEnd + trailer.length);
    return { prefix, envelope: { id, payload } };
  }

  #fail(what: string): never {
    throw poserProtocolError(`PoserTalkr sent ${what}`, this.pending());
  }
}
