/**
 * Dust3D Remote IO framing: every command, reply and event is one packet, the UTF-8 text
 * hex-encoded and ended by a NUL byte (`\0`). Replies begin `+` (success, data after the first
 * line) or `-` (the error message); events begin `#`.
 *
 * Dust3D itself (src/remoteioconnection.cpp) writes `+OK\r\n<data>`, `-<message>\r\n` and
 * `#<event> <id>\r\n`; the published protocol text shows `+OK\n<data>`, so both line ends are read.
 *
 * @category Dust3D
 */
import { Dust3dPacketError } from './errors.js';

/** The packet separator. */
export const PACKET_END = 0;

/** One command as bytes on the wire: its UTF-8 text in lowercase hex, then `\0`. */
export function encodePacket(text: string): Buffer {
  const hex = Buffer.from(text, 'utf8').toString('hex');
  return Buffer.concat([Buffer.from(hex, 'ascii'), Buffer.from([PACKET_END])]);
}

/** A decoded packet, classified by its first character. */
export type Dust3dPacket =
  | { kind: 'ok'; data: string; text: string }
  | { kind: 'error'; message: string; text: string }
  | { kind: 'event'; name: string; id: string | undefined; text: string };

/**
 * Bytes in, packets out, across any split: a read may hold half a packet, several packets, or
 * events between replies. Keeps the unfinished tail for the next `push`.
 *
 * @example
 * const decoder = new PacketDecoder();
 * socket.on('data', (chunk) => { for (const p of decoder.push(chunk)) handle(p); });
 */
export class PacketDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Bytes buffered without a `\0` yet. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** Feeds one read; returns the packets it completed, in order. Throws {@link Dust3dPacketError}. */
  push(chunk: Buffer): Dust3dPacket[] {
    const out: Dust3dPacket[] = [];
    let start = 0;
    for (let end = chunk.indexOf(PACKET_END, start); end !== -1; end = chunk.indexOf(PACKET_END, start)) {
      const piece = chunk.subarray(start, end);
      const hex = this.pendingBytes
        ? Buffer.concat([...this.pending, piece]).toString('latin1')
        : piece.toString('latin1');
      this.pending = [];
      this.pendingBytes = 0;
      start = end + 1;
      if (hex.length) out.push(classifyPacket(decodeHex(hex)));
    }
    if (start < chunk.length) {
      this.pending.push(Buffer.from(chunk.subarray(start)));
      this.pendingBytes += chunk.length - start;
    }
    return out;
  }
}

/** The text of one packet's hex. Throws {@link Dust3dPacketError} naming the packet. */
export function decodeHex(hex: string): string {
  if (hex.length % 2 !== 0) throw new Dust3dPacketError(`odd number of hex digits (${hex.length})`, hex);
  const bad = /[^0-9a-fA-F]/.exec(hex);
  if (bad) throw new Dust3dPacketError(`"${bad[0]}" at ${bad.index} is not a hex digit`, hex);
  return Buffer.from(hex, 'hex').toString('utf8');
}

/** Splits a packet's text into reply or event. Throws {@link Dust3dPacketError} for anything else. */
export function classifyPacket(text: string): Dust3dPacket {
  const first = text[0];
  if (first === '+') {
    const newline = text.indexOf('\n');
    return { kind: 'ok', data: newline === -1 ? '' : text.slice(newline + 1), text };
  }
  if (first === '-') return { kind: 'error', message: text.slice(1).replace(/\r?\n$/, ''), text };
  if (first === '#') {
    const [name, id] = text.slice(1).trim().split(/\s+/, 2);
    return { kind: 'event', name, id: id || undefined, text };
  }
  throw new Dust3dPacketError('a reply starts with "+" or "-", an event with "#"', text);
}
