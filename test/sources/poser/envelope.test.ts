/**
 * The envelope reader finds dazport's envelopes in any split of PoserTalkr's unframed byte
 * stream: cut at every byte, several in one read, after stray text, and refuses broken ones.
 */
import { describe, expect, it } from 'vitest';
import { EnvelopeReader, formatEnvelope } from '../../../src/sources/poser/envelope.js';

const payload = JSON.stringify({ ok: true, value: { text: 'a @@END x@@ inside, ünïcode', n: [1, 2, 3] } });
const one = formatEnvelope('ab12-7', payload);

function drain(reader: EnvelopeReader) {
  const out = [];
  for (let r = reader.next(); r; r = reader.next()) out.push(r);
  return out;
}

describe('EnvelopeReader', () => {
  it('gets the envelope whole whatever byte it is cut at', () => {
    const bytes = Buffer.from(one, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const reader = new EnvelopeReader();
      reader.push(bytes.subarray(0, cut));
      const early = drain(reader);
      reader.push(bytes.subarray(cut));
      const all = [...early, ...drain(reader)];
      expect(all, `cut at byte ${cut}`).toEqual([{ prefix: '', envelope: { id: 'ab12-7', payload } }]);
    }
  });

  it('gets every envelope of a read that holds several, fed one byte at a time too', () => {
    const two =
      formatEnvelope('s-1', '{"ok":true,"value":1}') + formatEnvelope('s-2', '{"ok":true,"value":2}');
    const together = new EnvelopeReader();
    together.push(Buffer.from(two));
    expect(drain(together).map((r) => r.envelope.id)).toEqual(['s-1', 's-2']);
    const bytewise = new EnvelopeReader();
    const ids: string[] = [];
    for (const b of Buffer.from(two)) {
      bytewise.push(Buffer.from([b]));
      for (const r of drain(bytewise)) ids.push(r.envelope.id);
    }
    expect(ids).toEqual(['s-1', 's-2']);
  });

  it('hands text outside an envelope to the caller as the prefix of the next one', () => {
    const reader = new EnvelopeReader();
    reader.push(Buffer.from(`NameError: name 'x' is not defined\n${one}`));
    const [read] = drain(reader);
    expect(read.prefix).toBe("NameError: name 'x' is not defined\n");
    expect(read.envelope.payload).toBe(payload);
  });

  it('refuses a malformed header and a body longer than its length says', () => {
    const header = new EnvelopeReader();
    header.push(Buffer.from('@@DAZPORT1 bad id! 12@@{}'));
    expect(() => header.next()).toThrow(expect.objectContaining({ code: 'DAZPORT_POSER_PROTOCOL' }));
    const length = new EnvelopeReader();
    length.push(Buffer.from(`@@DAZPORT1 s-1 2@@{"ok":true}@@END s-1@@`));
    expect(() => length.next()).toThrow(/does not end where its length/);
  });
});
