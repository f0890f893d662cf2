/** Dust3D Remote IO framing: hex packets ended by NUL, split and joined in any way TCP likes. */
import { describe, expect, it } from 'vitest';
import { classifyPacket, encodePacket, PacketDecoder } from '../../../src/sources/dust3d/packet-framing.js';

const wire = (text: string) => Buffer.from(`${Buffer.from(text, 'utf8').toString('hex')}\0`, 'latin1');

describe('Dust3D packet framing', () => {
  it('encodes a command as its UTF-8 hex and a NUL, as the protocol example does', () => {
    // The seed's Python: binascii.hexlify("addedge " + a + " " + b) + "\0"
    expect(encodePacket('listwindow').toString('latin1')).toBe('6c69737477696e646f77\0');
    expect(encodePacket('é').toString('latin1')).toBe('c3a9\0');
  });

  it('decodes a reply split at every byte boundary', () => {
    const bytes = wire('+OK\r\n{b8f9ae53-999c-4851-9c2b-69a427fca10c}');
    const decoder = new PacketDecoder();
    const got = [];
    for (let i = 0; i < bytes.length; i++) got.push(...decoder.push(bytes.subarray(i, i + 1)));
    expect(got).toEqual([
      {
        kind: 'ok',
        data: '{b8f9ae53-999c-4851-9c2b-69a427fca10c}',
        text: '+OK\r\n{b8f9ae53-999c-4851-9c2b-69a427fca10c}',
      },
    ]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('decodes several packets in one read, events between replies, in order', () => {
    const read = Buffer.concat([
      wire('#nodeadded {3dc475f6-dcda-45b8-bb76-59948db39968}\r\n'),
      wire('+OK\r\n'),
      wire('#resultmeshchanged\r\n'),
      wire('-Must specify nodeId parameter\r\n'),
      wire('+OK\r\n').subarray(0, 3),
    ]);
    const decoder = new PacketDecoder();
    const packets = decoder.push(read);
    expect(packets.map((p) => p.kind)).toEqual(['event', 'ok', 'event', 'error']);
    expect(packets[0]).toMatchObject({ name: 'nodeadded', id: '{3dc475f6-dcda-45b8-bb76-59948db39968}' });
    expect(packets[2]).toMatchObject({ name: 'resultmeshchanged', id: undefined });
    expect(packets[3]).toMatchObject({ message: 'Must specify nodeId parameter' });
    expect(decoder.bufferedBytes).toBe(3);
    expect(decoder.push(wire('+OK\r\n').subarray(3))).toMatchObject([{ kind: 'ok', data: '' }]);
  });

  it('reads the data after "+OK\\n" as the protocol document writes it, and after "+OK\\r\\n" as Dust3D does', () => {
    expect(classifyPacket('+OK\n<data/>')).toMatchObject({ kind: 'ok', data: '<data/>' });
    expect(classifyPacket('+OK\r\n<data/>')).toMatchObject({ kind: 'ok', data: '<data/>' });
  });

  it('names the packet in a typed error for bad hex or a packet that is neither reply nor event', () => {
    const decoder = new PacketDecoder();
    expect(() => decoder.push(Buffer.from('2b4f4\0', 'latin1'))).toThrow(
      expect.objectContaining({ code: 'DAZPORT_PROTOCOL', message: expect.stringContaining('"2b4f4"') }),
    );
    expect(() => new PacketDecoder().push(Buffer.from('2bzz\0', 'latin1'))).toThrow(
      /"z" at 2 is not a hex digit/,
    );
    expect(() => classifyPacket('OK')).toThrow(expect.objectContaining({ code: 'DAZPORT_PROTOCOL' }));
  });
});
