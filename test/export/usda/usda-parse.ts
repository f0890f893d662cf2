/**
 * A small USDA reader for the subset dazport writes (and TinyUSDZ prints back with
 * `layerToString`): layer metadata, `def` prims with metadata, attributes (values, `.connect`,
 * `.timeSamples`, attribute metadata), relationships, dictionaries. Enough to check what the
 * writer wrote without trusting the writer's own model.
 */

export type UsdValue =
  | number
  | string
  | boolean
  | null
  | UsdValue[]
  | { path: string }
  | { asset: string }
  | { ident: string }
  | { dict: Record<string, { type: string; value: UsdValue }> }
  | { samples: [number, UsdValue][] };

export interface UsdProp {
  name: string;
  kind: 'attribute' | 'relationship';
  /** Value type as written (`point3f[]`); '' for relationships. */
  type: string;
  uniform: boolean;
  value?: UsdValue;
  /** `.connect` targets. */
  connect?: string[];
  /** Relationship targets. */
  targets?: string[];
  timeSamples?: [number, UsdValue][];
  meta: Record<string, UsdValue>;
}

export interface UsdPrim {
  specifier: string;
  type: string;
  name: string;
  path: string;
  meta: Record<string, UsdValue>;
  apiSchemas: string[];
  props: Map<string, UsdProp>;
  children: UsdPrim[];
}

export interface UsdLayer {
  meta: Record<string, UsdValue>;
  prims: UsdPrim[];
  byPath: Map<string, UsdPrim>;
  /** Duplicate names and the like, found while reading. */
  problems: string[];
}

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'id'; v: string }
  | { t: 'asset'; v: string }
  | { t: 'path'; v: string }
  | { t: 'p'; v: string }
  | { t: 'eof'; v: '' };

// Sticky: matched at the lexer's position in the whole text, without slicing it per token
// (the suite lexes several 4 MB layers).
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_:.]*/y;

/** What /\s/ matches among the characters a USDA layer holds (ASCII white space). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff;
}

class Lexer {
  readonly s: string;
  i = 0;
  #peeked: Tok | null = null;

  constructor(s: string) {
    this.s = s;
    if (s.startsWith('#usda')) this.i = s.indexOf('\n');
  }

  line(): number {
    let n = 1;
    for (let k = 0; k < this.i; k++) if (this.s.charCodeAt(k) === 10) n++;
    return n;
  }

  fail(what: string): never {
    throw new Error(`USDA parse error at line ${this.line()}: ${what}`);
  }

  peek(): Tok {
    this.#peeked ??= this.#next();
    return this.#peeked;
  }

  next(): Tok {
    const t = this.peek();
    this.#peeked = null;
    return t;
  }

  expect(p: string): void {
    const t = this.next();
    if (t.t !== 'p' || t.v !== p) this.fail(`expected "${p}", found ${t.t} "${t.v}"`);
  }

  isP(p: string): boolean {
    const t = this.peek();
    return t.t === 'p' && t.v === p;
  }

  #next(): Tok {
    const s = this.s;
    for (;;) {
      while (this.i < s.length && isSpace(s.charCodeAt(this.i))) this.i++;
      if (s[this.i] === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
        continue;
      }
      break;
    }
    if (this.i >= s.length) return { t: 'eof', v: '' };
    const c = s[this.i];
    if (c === '"' || c === "'") return { t: 'str', v: this.#string(c) };
    if (c === '@') {
      if (s.startsWith('@@@', this.i)) {
        const end = s.indexOf('@@@', this.i + 3);
        const v = s.slice(this.i + 3, end);
        this.i = end + 3;
        return { t: 'asset', v };
      }
      const end = s.indexOf('@', this.i + 1);
      const v = s.slice(this.i + 1, end);
      this.i = end + 1;
      return { t: 'asset', v };
    }
    if (c === '<') {
      const end = s.indexOf('>', this.i);
      const v = s.slice(this.i + 1, end);
      this.i = end + 1;
      return { t: 'path', v };
    }
    if (/[-+0-9.]/.test(c) && /[-+0-9.]/.test(c) && (c !== '.' || /[0-9]/.test(s[this.i + 1]))) {
      NUMBER.lastIndex = this.i;
      const m = NUMBER.exec(s);
      if (m) {
        this.i += m[0].length;
        return { t: 'num', v: Number(m[0]) };
      }
      if (s.startsWith('-inf', this.i)) {
        this.i += 4;
        return { t: 'num', v: -Infinity };
      }
    }
    if (/[A-Za-z_]/.test(c)) {
      IDENT.lastIndex = this.i;
      const m = IDENT.exec(s) as RegExpExecArray;
      this.i += m[0].length;
      return { t: 'id', v: m[0] };
    }
    this.i++;
    return { t: 'p', v: c };
  }

  #string(q: string): string {
    const s = this.s;
    const triple = s.startsWith(q.repeat(3), this.i);
    this.i += triple ? 3 : 1;
    let out = '';
    for (;;) {
      if (this.i >= s.length) this.fail('unterminated string');
      const c = s[this.i];
      if (triple ? s.startsWith(q.repeat(3), this.i) : c === q) {
        this.i += triple ? 3 : 1;
        return out;
      }
      if (c === '\\') {
        const e = s[this.i + 1];
        this.i += 2;
        if (e === 'n') out += '\n';
        else if (e === 't') out += '\t';
        else if (e === 'r') out += '\r';
        else if (e === 'x') {
          out += String.fromCharCode(Number.parseInt(s.slice(this.i, this.i + 2), 16));
          this.i += 2;
        } else out += e;
        continue;
      }
      if (!triple && c === '\n') this.fail('newline in a string');
      out += c;
      this.i++;
    }
  }
}

const SPECIFIERS = new Set(['def', 'over', 'class']);
const LIST_OPS = new Set(['prepend', 'append', 'delete', 'add', 'reorder']);
const VARIABILITY = new Set(['uniform', 'varying', 'config']);

export function parseUsda(text: string): UsdLayer {
  const lx = new Lexer(text);
  const layer: UsdLayer = { meta: {}, prims: [], byPath: new Map(), problems: [] };
  if (lx.isP('(')) layer.meta = metadata(lx);
  const names = new Set<string>();
  while (lx.peek().t !== 'eof') {
    const prim = primSpec(lx, '', layer);
    if (names.has(prim.name)) layer.problems.push(`duplicate root prim ${prim.name}`);
    names.add(prim.name);
    layer.prims.push(prim);
  }
  return layer;
}

function metadata(lx: Lexer): Record<string, UsdValue> {
  lx.expect('(');
  const out: Record<string, UsdValue> = {};
  while (!lx.isP(')')) {
    const t = lx.next();
    if (t.t === 'str') {
      out.doc = t.v;
      continue;
    }
    if (t.t === 'p' && t.v === ';') continue;
    if (t.t !== 'id') lx.fail(`metadata key expected, found "${t.v}"`);
    let key = t.v;
    if (LIST_OPS.has(key)) {
      const k = lx.next();
      key = `${t.v} ${k.v}`;
    }
    lx.expect('=');
    out[key] = value(lx);
  }
  lx.expect(')');
  return out;
}

function value(lx: Lexer): UsdValue {
  const t = lx.next();
  switch (t.t) {
    case 'num':
      return t.v;
    case 'str':
      return t.v;
    case 'asset':
      return { asset: t.v };
    case 'path':
      return { path: t.v };
    case 'id':
      if (t.v === 'None') return null;
      if (t.v === 'true') return true;
      if (t.v === 'false') return false;
      if (t.v === 'inf') return Infinity;
      if (t.v === 'nan') return Number.NaN;
      return { ident: t.v };
    case 'p':
      if (t.v === '(' || t.v === '[') {
        const close = t.v === '(' ? ')' : ']';
        const items: UsdValue[] = [];
        while (!lx.isP(close)) {
          items.push(value(lx));
          if (lx.isP(',')) lx.next();
        }
        lx.next();
        return items;
      }
      if (t.v === '{') return dictionary(lx);
      break;
  }
  return lx.fail(`unexpected ${t.t} "${t.v}"`);
}

function dictionary(lx: Lexer): UsdValue {
  if (lx.peek().t === 'num') {
    const samples: [number, UsdValue][] = [];
    while (!lx.isP('}')) {
      const time = lx.next();
      lx.expect(':');
      samples.push([time.v as number, value(lx)]);
      if (lx.isP(',')) lx.next();
    }
    lx.next();
    return { samples };
  }
  const dict: Record<string, { type: string; value: UsdValue }> = {};
  while (!lx.isP('}')) {
    let type = String(lx.next().v);
    if (lx.isP('[')) {
      lx.next();
      lx.expect(']');
      type += '[]';
    }
    const key = lx.next();
    lx.expect('=');
    dict[String(key.v)] = { type, value: value(lx) };
    if (lx.isP(';')) lx.next();
  }
  lx.next();
  return { dict };
}

function primSpec(lx: Lexer, parentPath: string, layer: UsdLayer): UsdPrim {
  const spec = lx.next();
  if (spec.t !== 'id' || !SPECIFIERS.has(spec.v)) lx.fail(`expected def/over/class, found "${spec.v}"`);
  let type = '';
  if (lx.peek().t === 'id') type = String(lx.next().v);
  const nameTok = lx.next();
  if (nameTok.t !== 'str') lx.fail('prim name expected');
  const path = `${parentPath}/${nameTok.v}`;
  const prim: UsdPrim = {
    specifier: spec.v,
    type,
    name: nameTok.v,
    path,
    meta: {},
    apiSchemas: [],
    props: new Map(),
    children: [],
  };
  if (lx.isP('(')) prim.meta = metadata(lx);
  for (const key of ['apiSchemas', 'prepend apiSchemas', 'append apiSchemas']) {
    const v = prim.meta[key];
    if (Array.isArray(v)) prim.apiSchemas.push(...(v as string[]));
  }
  if (layer.byPath.has(path)) layer.problems.push(`duplicate prim ${path}`);
  layer.byPath.set(path, prim);
  lx.expect('{');
  const childNames = new Set<string>();
  while (!lx.isP('}')) {
    const t = lx.peek();
    if (t.t === 'id' && SPECIFIERS.has(t.v)) {
      const child = primSpec(lx, path, layer);
      if (childNames.has(child.name)) layer.problems.push(`duplicate child ${child.name} of ${path}`);
      childNames.add(child.name);
      prim.children.push(child);
      continue;
    }
    property(lx, prim, layer);
  }
  lx.expect('}');
  return prim;
}

function property(lx: Lexer, prim: UsdPrim, layer: UsdLayer): void {
  let uniform = false;
  let t = lx.next();
  if (t.t === 'id' && t.v === 'custom') t = lx.next();
  if (t.t === 'id' && VARIABILITY.has(t.v)) {
    uniform = t.v === 'uniform';
    t = lx.next();
  }
  if (t.t !== 'id') lx.fail(`property expected, found "${t.v}"`);
  if (t.v === 'rel') {
    const name = String(lx.next().v);
    const prop: UsdProp = { name, kind: 'relationship', type: '', uniform, meta: {}, targets: [] };
    if (lx.isP('=')) {
      lx.next();
      const v = value(lx);
      prop.targets = (Array.isArray(v) ? v : v === null ? [] : [v]).map((x) => (x as { path: string }).path);
    }
    if (lx.isP('(')) prop.meta = metadata(lx);
    addProp(prim, prop, layer);
    return;
  }
  let type = t.v;
  if (lx.isP('[')) {
    lx.next();
    lx.expect(']');
    type += '[]';
  }
  const full = String(lx.next().v);
  const suffix = /\.(connect|timeSamples)$/.exec(full);
  const name = suffix ? full.slice(0, -suffix[0].length) : full;
  const existing = prim.props.get(name);
  const prop: UsdProp = existing ?? { name, kind: 'attribute', type, uniform, meta: {} };
  if (lx.isP('=')) {
    lx.next();
    const v = value(lx);
    if (suffix?.[1] === 'connect') {
      prop.connect = (Array.isArray(v) ? v : [v]).map((x) => (x as { path: string }).path);
    } else if (suffix?.[1] === 'timeSamples') {
      prop.timeSamples = (v as { samples: [number, UsdValue][] }).samples;
    } else {
      if (prop.value !== undefined) layer.problems.push(`${prim.path}.${name} has two values`);
      prop.value = v;
    }
  }
  if (lx.isP('(')) Object.assign(prop.meta, metadata(lx));
  if (!existing) addProp(prim, prop, layer);
}

function addProp(prim: UsdPrim, prop: UsdProp, layer: UsdLayer): void {
  if (prim.props.has(prop.name)) layer.problems.push(`duplicate property ${prim.path}.${prop.name}`);
  prim.props.set(prop.name, prop);
}

/** Every prim, depth first. */
export function allPrims(layer: UsdLayer): UsdPrim[] {
  return [...layer.byPath.values()];
}

/** Numbers of a (possibly nested) array value, flattened. */
export function flat(v: UsdValue | undefined): number[] {
  const out: number[] = [];
  const walk = (x: UsdValue | undefined) => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else if (typeof x === 'number') out.push(x);
    else if (typeof x === 'boolean') out.push(x ? 1 : 0);
  };
  walk(v);
  return out;
}

/** A 4×4 matrix value as USD prints it, flattened row by row (= gl-matrix column-major order). */
export function matrixOf(v: UsdValue | undefined): Float64Array {
  const m = flat(v);
  if (m.length !== 16) throw new Error(`expected a 4×4 matrix, got ${m.length} numbers`);
  return Float64Array.from(m);
}
