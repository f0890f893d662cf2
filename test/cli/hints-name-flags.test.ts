/**
 * What a command-line user reads names flags, not library options: an error's advice on the
 * CLI (`suggestionFor(err, 'cli')`) and every warning. The library option names are read from
 * the source (every exported `…Options` interface), so a new option is checked without
 * editing this test. Three ways in:
 * - the source: every `suggestion:` that names an option has a `cliSuggestion:` beside it, no
 *   `cliSuggestion:` names one, and a warning that names a setting does it with flagAndOption
 *   (`--rigged (library: rigged: true)`), so both readers find theirs;
 * - the error and warning paths, triggered in the library, scanned as the CLI prints them;
 * - the CLI itself, on a clip whose frame count is wrong.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseJointMapping } from '../../src/bonemaps/choose-mapping.js';
import { detectConvention } from '../../src/bonemaps/detect-convention.js';
import { GENESIS_MAPS } from '../../src/bonemaps/genesis/genesis-maps.js';
import { getSkeletonDefinition } from '../../src/bonemaps/genesis/index.js';
import {
  DazAuthError,
  DazConnectionError,
  DazMeshTopologyError,
  DazSceneChangedError,
  DazTimeoutError,
} from '../../src/client/errors.js';
import type { DiscoveredToken } from '../../src/client/token.js';
import { CLI_TOKEN_NAMES, describeTokenOrigin } from '../../src/client/token-origin.js';
import { assertEmulatorMayWrite, realDazTokenPath } from '../../src/emulator/server/token.js';
import { type DazportError, suggestionFor } from '../../src/errors.js';
import { parseBvh } from '../../src/import/bvh/index.js';
import { retarget } from '../../src/import/retarget/retarget.js';
import { rigFromDefinition } from '../../src/import/retarget/target-rig.js';
import { runCli } from '../helpers/cli.js';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');
/** The CLI's own files (not src/client). */
const CLI_FOLDER = join('src', 'cli') + sep;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith(join('emulator', 'dom')) ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const FILES = sourceFiles(SRC).map((file) => ({
  file: relative(ROOT, file),
  ast: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true),
}));

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** Property names of every exported `…Options` interface of the library (not the CLI's own). */
function libraryOptionNames(): Set<string> {
  const names = new Set<string>();
  for (const { file, ast } of FILES) {
    if (file.startsWith(CLI_FOLDER)) continue;
    walk(ast, (node) => {
      if (!ts.isInterfaceDeclaration(node) || !/Options$/.test(node.name.text)) return;
      if (node.name.text === 'DazportErrorOptions') return;
      for (const member of node.members)
        if (ts.isPropertySignature(member) && ts.isIdentifier(member.name)) names.add(member.name.text);
    });
  }
  return names;
}

const OPTIONS = libraryOptionNames();

/**
 * The option names `text` shows a CLI user: a camelCase name anywhere, a one-word name written
 * as an option with a value (`rigged: true`, `floor: 'keep'`, `{ rigged`); a one-word name
 * followed by words (`morphs: Smile, Blink`) is English. A `(library: …)` after a flag is for library
 * readers and skipped; one that follows no flag is itself a leak.
 */
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\(library: /g))
    if (!/--[a-z][\w-]*( [^\s()]+)? $/.test(text.slice(0, m.index))) found.push(`(library: …) after no flag`);
  const bare = text.replace(/\(library: [^)]*\)/g, '');
  for (const name of OPTIONS) {
    const asOption = /[A-Z]/.test(name)
      ? new RegExp(`(?<![\\w-])${name}\\b`)
      : new RegExp(`(?:\\{ ?${name}\\b|(?<![\\w-])${name}: (?:true|false|\\d|'|"|\\{|\\[))`);
    if (asOption.test(bare)) found.push(name);
  }
  return found;
}

/** A literal's text without its `${…}` parts (code, not words a user reads). */
function wordsOf(node: ts.Node): string {
  return node.getText().replace(/\$\{[^}]*\}/g, '');
}

describe('CLI hints and warnings name flags', () => {
  it('reads the library option names from the source', () => {
    for (const name of [
      'frameCountMismatch',
      'sourceUnitCm',
      'rootScale',
      'boneMapFile',
      'allowPartial',
      'footLock',
      'rootMotion',
      'tokenFile',
      'timeoutMs',
      'rereads',
      'rigged',
    ])
      expect(OPTIONS).toContain(name);
    expect(leaks("read with frameCountMismatch: 'use-lines'")).toEqual(['frameCountMismatch']);
    expect(leaks('read the scene with { rigged: true }')).toEqual(['rigged']);
    expect(leaks("--floor keep (library: floor: 'keep')")).toEqual([]);
    expect(leaks("keep it (library: floor: 'keep')")).toEqual(['(library: …) after no flag']);
  });

  it('in the source: an option in an error suggestion has a flag form; warnings name both', () => {
    const problems: string[] = [];
    for (const { file, ast } of FILES) {
      const cliOnly = file.startsWith(CLI_FOLDER);
      walk(ast, (node) => {
        const where = `${file}:${ast.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (ts.isObjectLiteralExpression(node)) {
          const props = new Map(
            node.properties
              .filter(ts.isPropertyAssignment)
              .filter((p) => ts.isIdentifier(p.name))
              .map((p) => [(p.name as ts.Identifier).text, p.initializer]),
          );
          const suggestion = props.get('suggestion');
          const cli = props.get('cliSuggestion');
          // A CLI command's own errors are read only on the CLI: their `suggestion` is the CLI's.
          const shown = cli ?? (cliOnly ? suggestion : undefined);
          if (shown && leaks(wordsOf(shown)).length)
            problems.push(`${where}: CLI advice names ${leaks(wordsOf(shown))}`);
          if (suggestion && !cli && !cliOnly && leaks(wordsOf(suggestion)).length)
            problems.push(
              `${where}: suggestion names ${leaks(wordsOf(suggestion))} and has no cliSuggestion`,
            );
        }
        if (ts.isCallExpression(node) && !cliOnly) {
          const callee = node.expression.getText();
          if (!/(^|\.|#)warn$|warnings\.push$/.test(callee)) return;
          for (const arg of node.arguments) {
            const words = wordsOf(arg);
            if (/(^|[^\w-])--[a-z]/.test(words) || leaks(words).length)
              problems.push(
                `${where}: a warning names a setting without flagAndOption: ${words.slice(0, 90)}`,
              );
          }
        }
      });
    }
    expect(problems).toEqual([]);
  });

  describe('as the CLI prints them', () => {
    const shown = (err: unknown) => {
      const e = err as DazportError;
      return `${e.message}\n${suggestionFor(e, 'cli') ?? ''}`;
    };
    const thrown = (f: () => unknown): string => {
      try {
        f();
      } catch (err) {
        return shown(err);
      }
      throw new Error('nothing was thrown');
    };
    const clip = parseBvh(readFileSync(join(ROOT, 'fixtures', 'bvh', 'cmu_01_01.bvh'), 'utf8'), 'cmu.bvh');
    const mapping = detectConvention(clip.joints.map((j) => j.name))[0];
    const rig = rigFromDefinition(getSkeletonDefinition('genesis9'));
    const frames: [number, number] = [0, 30];
    const onto = (options: Parameters<typeof retarget>[4], m = mapping) =>
      retarget(clip, m, rig, GENESIS_MAPS.genesis9, { frames, ...options });
    const home = mkdtempSync(join(tmpdir(), 'dazport-hints-'));
    afterAll(() => rmSync(home, { recursive: true, force: true }));

    const bvh = (frameLines: number, declared: number) =>
      'HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n  CHANNELS 3 Xposition Yposition Zposition\n' +
      `  End Site\n  {\n    OFFSET 0 1 0\n  }\n}\nMOTION\nFrames: ${declared}\nFrame Time: 0.0333333\n` +
      '0 0 0\n'.repeat(frameLines);

    it('errors: the advice names the flag', () => {
      const cases: [string, string, RegExp][] = [
        [
          'truncated clip',
          thrown(() => parseBvh(bvh(2, 3), 'a.bvh', { frameCountMismatch: 'error' })),
          /--frame-mismatch use-lines/,
        ],
        [
          'extra frame lines',
          thrown(() => parseBvh(bvh(4, 3), 'a.bvh', { frameCountMismatch: 'error' })),
          /--frame-mismatch use-lines/,
        ],
        ['root scale unit', thrown(() => onto({ rootScale: 'unit' })), /--source-unit-cm/],
        [
          'no hips',
          thrown(() => {
            const canonical = new Map([...mapping.canonical].filter(([, c]) => c !== 'hips'));
            onto({}, { ...mapping, canonical });
          }),
          /--convention.*--bone-map/,
        ],
        ['reference frame', thrown(() => onto({ sourceRest: { frame: 99_999 } })), /--source-rest/],
        [
          'coverage',
          thrown(() => chooseJointMapping(['Hips', 'Spine', 'Head', 'Tail'], {})),
          /--bone-map-template.*--allow-partial/,
        ],
        ['connection', shown(new DazConnectionError('http://127.0.0.1:1')), /--host\/--port/],
        ['timeout', shown(new DazTimeoutError('POST /execute', 100)), /--timeout/],
        ['scene changed', shown(new DazSceneChangedError('counts moved')), /--rereads/],
        ['mesh topology', shown(new DazMeshTopologyError('m', 2, 1)), /--select/],
        [
          'emulator token file',
          thrown(() => assertEmulatorMayWrite(realDazTokenPath(home), home)),
          /--token-file/,
        ],
      ];
      const sources: DiscoveredToken[] = [
        { token: 'x', source: 'option' },
        { token: 'x', source: 'option', file: '/t.txt' },
        { token: 'x', source: 'DAZ_TOKEN' },
        { token: 'x', source: 'DAZ_TOKEN_FILE', file: '/t.txt' },
        { token: 'x', source: 'default-file', file: '/d.txt' },
        { token: '', source: 'none', missing: { file: '/d.txt', why: 'does not exist' } },
      ];
      for (const found of sources) {
        const err = new DazAuthError(401, 'AUTH_FAILED', 'refused').withOrigin(
          describeTokenOrigin(found, CLI_TOKEN_NAMES, home),
        );
        cases.push([`auth (${found.source})`, shown(err), /--token-file/]);
      }
      for (const [what, text, flag] of cases) {
        expect([what, leaks(text)]).toEqual([what, []]);
        expect([what, text]).toEqual([what, expect.stringMatching(flag)]);
      }
    });

    it('warnings: a setting is named by its flag, then its option', () => {
      const { warnings } = onto({ floor: 'keep', footLock: true });
      const footLock = warnings.find((w) => w.startsWith('foot lock'));
      expect(footLock).toContain("--floor keep (library: floor: 'keep')");
      expect(footLock).toContain('--no-root-motion (library: rootMotion: false)');
      const clipWarnings = parseBvh(bvh(4, 3), 'a.bvh', { frameCountMismatch: 'use-lines' }).warnings;
      expect(clipWarnings.length).toBeGreaterThan(0);
      for (const w of [...warnings, ...clipWarnings]) expect([w, leaks(w)]).toEqual([w, []]);
    });

    it('through the CLI: a wrong frame count, refused with --frame-mismatch error', async () => {
      const file = join(home, 'short.bvh');
      writeFileSync(file, bvh(2, 3));
      const r = await runCli(['inspect', file, '--frame-mismatch', 'error']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/hint: .*--frame-mismatch use-lines/);
      expect(leaks(r.stderr + r.stdout)).toEqual([]);
    }, 30_000);
  });
});
