/**
 * DAZ Studio runs DazScript on QtScript, an ECMAScript 5 engine (no `let`, arrow functions,
 * classes, template strings ...). V8 would happily run those, so every script is parsed as ES5
 * with acorn first and refused the way DAZ Studio refuses it: `Line N: SyntaxError: ...`.
 *
 * The parse also yields the positions of `throw` statements: V8 keeps no location for a thrown
 * string (`throw "Node not found"`), QtScript does, so {@link instrumentThrows} records the line
 * of each throw without moving any code to another line.
 */
import { type Node, parse } from 'acorn';

export interface ScriptSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

export type ParseOutcome = { ok: true; program: Node } | { ok: false; problem: ScriptSyntaxProblem };

export function parseEs5(source: string): ParseOutcome {
  try {
    const program = parse(source, {
      ecmaVersion: 5,
      sourceType: 'script',
      allowReturnOutsideFunction: false,
      allowHashBang: false,
      locations: true,
    });
    return { ok: true, program };
  } catch (err) {
    if (err instanceof SyntaxError && (err as { loc?: unknown }).loc) {
      const e = err as Error & { loc: { line: number; column: number } };
      // acorn appends " (line:col)"; the line goes in front instead, like DAZ Studio's messages.
      const message = e.message.replace(/\s*\(\d+:\d+\)$/, '');
      return { ok: false, problem: { line: e.loc.line, column: e.loc.column + 1, message } };
    }
    throw err;
  }
}

/** Name of the context function that notes where a value was thrown. */
export const THROW_HOOK = '__dazport_throw__';

interface ThrowSite {
  argStart: number;
  argEnd: number;
  line: number;
}

function collectThrows(node: unknown, sites: ThrowSite[]): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) collectThrows(child, sites);
    return;
  }
  const n = node as { type?: string; argument?: Node & { loc?: { start: { line: number } } } };
  if (n.type === 'ThrowStatement' && n.argument) {
    sites.push({ argStart: n.argument.start, argEnd: n.argument.end, line: n.argument.loc!.start.line });
  }
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const value = (node as Record<string, unknown>)[key];
    if (value && typeof value === 'object') collectThrows(value, sites);
  }
}

/**
 * Rewrite `throw X` as `throw __dazport_throw__(X, line)`. Only characters are inserted on the
 * same line, so every line and column before and after keeps its number.
 */
export function instrumentThrows(source: string, program: Node): string {
  const sites: ThrowSite[] = [];
  collectThrows(program, sites);
  if (sites.length === 0) return source;
  // Insert from the end so earlier offsets stay valid.
  const edits: { at: number; text: string }[] = [];
  for (const s of sites) {
    edits.push({ at: s.argStart, text: `${THROW_HOOK}(` });
    edits.push({ at: s.argEnd, text: `,${s.line})` });
  }
  edits.sort((a, b) => b.at - a.at);
  let out = source;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at);
  return out;
}
