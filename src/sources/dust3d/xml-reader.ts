/**
 * A small reader for the XML Dust3D writes with QXmlStreamWriter: elements with attributes,
 * nested or self-closing, an optional `<?xml …?>` prolog and comments; no text content (a
 * snapshot has none), no DTD, no namespaces. dazport has no XML dependency and this format
 * needs none; anything outside it is an error with its line and column.
 *
 * The protocol document (seed 003) prints its example with typographic quotes (`”1.0”`); they
 * are accepted as attribute quotes so that text reads too. Dust3D itself writes `"`.
 *
 * @category Dust3D
 */
import { Dust3dParseError } from './errors.js';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** 1-based line of the start tag. */
  line: number;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const SPACE = /[ \t\r\n]*/y;
const CLOSING_QUOTE: Record<string, string> = { '"': '"', "'": "'", '\u201c': '\u201d', '\u201d': '\u201d' };
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Parses one document and returns its root element. Throws {@link Dust3dParseError}. */
export function readXml(text: string): XmlElement {
  let pos = 0;
  const fail = (message: string, at = pos): never => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    throw new Dust3dParseError('snapshot XML', line, at - before.lastIndexOf('\n'), message);
  };
  const lineAt = (at: number) => text.slice(0, at).split('\n').length;
  const skipSpace = () => {
    SPACE.lastIndex = pos;
    SPACE.exec(text);
    pos = SPACE.lastIndex;
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(text);
    if (!m) return fail(`expected a name, found ${quoteFound(text, pos)}`);
    pos = NAME.lastIndex;
    return m[0];
  };
  const skipMarkup = (): boolean => {
    if (text.startsWith('<?', pos)) {
      const end = text.indexOf('?>', pos);
      if (end === -1) fail('unclosed <? … ?>');
      pos = end + 2;
      return true;
    }
    if (text.startsWith('<!--', pos)) {
      const end = text.indexOf('-->', pos);
      if (end === -1) fail('unclosed comment');
      pos = end + 3;
      return true;
    }
    if (text.startsWith('<!', pos)) fail('DTDs and CDATA are not part of a Dust3D snapshot');
    return false;
  };

  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  for (;;) {
    skipSpace();
    if (pos >= text.length) break;
    if (text[pos] !== '<') fail(`text content ${quoteFound(text, pos)} where an element was expected`);
    if (skipMarkup()) continue;
    if (text[pos + 1] === '/') {
      const at = pos;
      pos += 2;
      const name = readName();
      skipSpace();
      if (text[pos] !== '>') fail(`expected ">" to end </${name}, found ${quoteFound(text, pos)}`);
      pos++;
      const open = stack.pop();
      if (!open) fail(`</${name}> closes nothing`, at);
      else if (open.name !== name)
        fail(`</${name}> where </${open.name}> (opened on line ${open.line}) was expected`, at);
      continue;
    }
    const start = pos;
    pos++;
    if (root && !stack.length) fail('a second root element', start);
    const element: XmlElement = { name: readName(), attributes: {}, children: [], line: lineAt(start) };
    for (;;) {
      skipSpace();
      if (text.startsWith('/>', pos)) {
        pos += 2;
        break;
      }
      if (text[pos] === '>') {
        pos++;
        stack.push(element);
        break;
      }
      const attrAt = pos;
      const name = readName();
      skipSpace();
      if (text[pos] !== '=') fail(`expected "=" after attribute ${name}, found ${quoteFound(text, pos)}`);
      pos++;
      skipSpace();
      const closing = CLOSING_QUOTE[text[pos]];
      if (!closing) fail(`expected a quoted value for ${name}, found ${quoteFound(text, pos)}`);
      const end = text.indexOf(closing, pos + 1);
      if (end === -1) fail(`unclosed value of attribute ${name}`);
      if (Object.hasOwn(element.attributes, name)) fail(`attribute ${name} given twice`, attrAt);
      element.attributes[name] = decodeEntities(text.slice(pos + 1, end), pos + 1, fail);
      pos = end + 1;
    }
    const parent = stack.at(element === stack.at(-1) ? -2 : -1);
    if (parent) parent.children.push(element);
    else root = element;
  }
  if (stack.length) fail(`<${stack.at(-1)?.name}> (line ${stack.at(-1)?.line}) is never closed`);
  if (!root) return fail('no root element');
  return root;
}

function decodeEntities(raw: string, at: number, fail: (message: string, at?: number) => never): string {
  return raw.replace(/&([^;\s]*);?/g, (whole, body: string, offset: number) => {
    if (!whole.endsWith(';')) return fail(`"&" not followed by an entity`, at + offset);
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      if (!Number.isInteger(code) || code < 0 || code > 0x10ffff)
        return fail(`bad character reference &${body};`, at + offset);
      return String.fromCodePoint(code);
    }
    const named = ENTITIES[body];
    if (named === undefined) return fail(`unknown entity &${body};`, at + offset);
    return named;
  });
}

function quoteFound(text: string, pos: number): string {
  if (pos >= text.length) return 'the end of the text';
  return JSON.stringify(text.slice(pos, pos + 12));
}
