import { describe, expect, it } from 'vitest';
import { instrumentThrows, parseEs5 } from '../../src/emulator/runtime/es5-check.js';

describe('parseEs5', () => {
  it('accepts ES5, including getters, setters and JSON', () => {
    const ok = parseEs5(
      'var o = { get x() { return 1; }, set x(v) {} }; JSON.stringify(o); [1].forEach(function(){});',
    );
    expect(ok.ok).toBe(true);
  });
  it('reports line and column of the first ES2015+ construct', () => {
    const r = parseEs5('var a = 1;\n  let b = 2;');
    expect(r).toMatchObject({ ok: false, problem: { line: 2 } });
  });
});

describe('instrumentThrows', () => {
  it('wraps every throw argument without moving anything to another line', () => {
    const source = 'var a;\nif (a) { throw "x"; }\nfunction f() {\n  throw new Error("y" +\n "z");\n}';
    const parsed = parseEs5(source);
    if (!parsed.ok) throw new Error('fixture must parse');
    const out = instrumentThrows(source, parsed.program);
    expect(out.split('\n').length).toBe(source.split('\n').length);
    expect(out).toContain('throw __dazport_throw__("x",2);');
    expect(out).toContain('throw __dazport_throw__(new Error("y" +\n "z"),4);');
    expect(parseEs5(out).ok).toBe(true);
  });
});
