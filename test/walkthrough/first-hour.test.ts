/**
 * A newcomer's first hour, scripted (issue 14): in a fresh home folder, the README's commands run
 * exactly as written against the emulator it tells you to start, then the ordinary mistakes get
 * the exit status and the message that teach what to do.
 *
 * The commands are read from the README itself (every `dazport …` line of its ```sh blocks), so
 * a command added there is walked here, and one that stops working fails here. The only liberty
 * taken: the emulator listens on a free port, named by DAZ_PORT (which every command reads), so
 * the suite never fights a real DAZ Studio for 18811.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, outputOf, runCli, spawnCli } from '../helpers/cli.js';
import { freeLoopbackPort } from '../helpers/free-port.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The lines of the README's fenced blocks of one language. */
function fencedBlocks(language: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\``, 'gm');
  for (const m of README.matchAll(fence)) blocks.push(m[1]);
  return blocks;
}

/** `dazport …` command lines of the README's shell blocks, without their trailing comments. */
function readmeCommands(): string[] {
  return fencedBlocks('sh')
    .flatMap((b) => b.split('\n'))
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line.startsWith('dazport '));
}

/** Split a command line as a POSIX shell would for these simple lines: quotes, no expansions. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unbalanced quote in README command: ${line}`);
  if (inWord) words.push(word);
  return words;
}

/**
 * Wait until a server started by the CLI prints its address; its output so far. One that says
 * nothing in time is killed, so a failed wait leaves no server running after the suite.
 */
function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no address printed: ${out}`));
    }, 30_000);
    child.stdout?.on('data', (d) => {
      out += d;
      if (/on (http|tcp):\/\/127\.0\.0\.1:\d+/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server ended (exit ${code}) before listening: ${out}`));
    });
  });
}

/** The folder of this run's JavaScript copy of src/, from the CLI it starts (compiled-cli.ts). */
function compiledRoot(main: string): string {
  let dir = dirname(main);
  while (!existsSync(join(dir, 'src', 'index.js')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** stdout is exactly one JSON object. */
function onlyJson(r: CliResult): {
  ok: boolean;
  error?: { code: string; message: string; suggestion?: string };
} {
  const lines = r.stdout.split('\n').filter(Boolean);
  expect(lines, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toHaveLength(1);
  return JSON.parse(lines[0]);
}

/** What each of the README's commands printed, by command line. */
const readmeResults = new Map<string, CliResult>();
let home: string;
let work: string;
let port: number;
let emulator: ChildProcess;
/** What a client needs after following the README's emulator section. */
let clientEnv: NodeJS.ProcessEnv;

const dazport = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { ...clientEnv, ...env }, work);

/**
 * The same command run inside this process (the whole program: parsing, the job, the report and
 * the exit status), in the walk's folder and environment: the mistakes are about what the CLI
 * says, and a process start for each would cost more than the rest of the walk. What only a
 * process shows (a port held, a server that must not start) still runs in one.
 */
async function mistake(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const wanted = { ...clientEnv, ...env };
  const saved = Object.fromEntries(Object.keys(wanted).map((k) => [k, process.env[k]]));
  const cwd = process.cwd();
  const set = (values: NodeJS.ProcessEnv) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(wanted);
  process.chdir(work);
  try {
    return await runInProcess(args);
  } finally {
    process.chdir(cwd);
    set(saved);
  }
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'dazport-first-hour-'));
  work = join(home, 'work');
  mkdirSync(work);
  // The files the README's examples name: a capture called walk.bvh, and the scene file of the
  // emulator section, written as the README prints it.
  copyFileSync(join(ROOT, 'fixtures', 'bvh', 'cmu_01_01.bvh'), join(work, 'walk.bvh'));
  const sceneFile = fencedBlocks('json').find((b) => b.includes('"figures"'));
  if (!sceneFile) throw new Error('the README no longer shows a scene file');
  writeFileSync(join(work, 'my-scene.json'), sceneFile);
  port = await freeLoopbackPort();
  // The README's `export DAZ_TOKEN_FILE=…` line, as the shell would leave it: ~ unexpanded in
  // quotes is what we promise to handle, so pass it on literally.
  const exportLine = fencedBlocks('sh')
    .flatMap((b) => b.split('\n'))
    .find((l) => l.startsWith('export DAZ_TOKEN_FILE='));
  if (!exportLine) throw new Error('the README no longer says how clients find the emulator token');
  const tokenFile = exportLine.replace(/\s+#.*$/, '').slice('export DAZ_TOKEN_FILE='.length);
  clientEnv = {
    HOME: home,
    DAZ_PORT: String(port),
    DAZ_TOKEN_FILE: tokenFile,
    DAZ_TOKEN: undefined,
    DAZ_HOST: undefined,
  };
  // `dazport emulator`, the README's first emulator line, on the free port.
  emulator = spawnCli(['emulator'], { HOME: home, DAZ_PORT: String(port), DAZ_HOST: undefined }, work);
  await listening(emulator);
}, 60_000);

afterAll(async () => {
  if (emulator && emulator.exitCode === null) {
    emulator.kill('SIGINT');
    await new Promise((r) => emulator.once('close', r));
  }
  rmSync(home, { recursive: true, force: true });
});

describe("the README's commands, as written", () => {
  const commands = readmeCommands();

  it('are there to walk', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(commands).toContain('dazport emulator');
  });

  it('each one succeeds, prints what it did, and writes nothing beside what it names', async () => {
    for (const line of commands) {
      const args = shellWords(line).slice(1);
      if (args[0] === 'emulator') {
        if (args.length === 1) continue; // the one serving this walk
        // A server, tried on its own (its own home, so its own token file): it must start and
        // say where, then stop cleanly on Ctrl-C.
        const ownHome = mkdtempSync(join(home, 'server-'));
        const child = spawnCli(args, { HOME: ownHome, DAZ_HOST: undefined, DAZ_PORT: undefined }, work);
        const done = outputOf(child);
        await listening(child);
        child.kill('SIGINT');
        expect((await done).code, line).toBe(0);
        continue;
      }
      const r = await dazport(args);
      readmeResults.set(line, r);
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
      expect(r.stdout.trim(), line).not.toBe('');
      // At most one warning line per output file (details are for --verbose).
      const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
      const files = new Set(warnings.map((l) => l.split(':')[1]));
      expect(warnings.length, `${line}\n${r.stderr}`).toBe(files.size);
      // No progress bar's control characters in a pipe.
      expect(r.stderr, line).not.toMatch(/\r|\x1b\[/);
    }
    // Every output the README's commands name exists now, but those of a dry run.
    for (const line of commands) {
      const words = shellWords(line);
      const dryRun = words.includes('--dry-run');
      for (const [i, word] of words.entries())
        if (words[i - 1] === '--out') expect(existsSync(join(work, word)), `${line}: ${word}`).toBe(!dryRun);
    }
  }, 240_000);

  it('the From TypeScript example runs as written against the same emulator', async () => {
    const snippet = fencedBlocks('ts').find((b) => b.includes("from 'dazport'"));
    if (!snippet) throw new Error('the README no longer shows a library example');
    // The one liberty: 'dazport' is this run's JavaScript build of src/ (test/helpers/global-setup.ts),
    // so the example checks the code under test, not a dist/ of another day.
    const compiledCli = process.env.DAZPORT_TEST_CLI;
    expect(compiledCli, 'the suite builds its JavaScript copy of src/').toBeDefined();
    const index = pathToFileURL(join(compiledRoot(compiledCli as string), 'src', 'index.js')).href;
    const file = join(work, 'example.mjs');
    writeFileSync(file, snippet.replace("from 'dazport'", `from '${index}'`));
    const r = await outputOf(
      spawn(process.execPath, [file], {
        cwd: work,
        env: { ...process.env, ...clientEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('3 2');
    for (const out of ['walk.glb', 'walk.usda', 'walk.duf', 'hero.glb', 'hero.usda', 'walk-live.duf'])
      expect(existsSync(join(work, out)), out).toBe(true);
  }, 120_000);

  it('leave no temporary files behind', () => {
    const stray = readdirSync(work, { recursive: true }).filter((f) => String(f).includes('.dazport.'));
    expect(stray).toEqual([]);
  });
});

describe('the ordinary mistakes', () => {
  it('a second emulator on the same port exits 3 at once, and the first one keeps serving', async () => {
    const second = await runCli(
      ['emulator'],
      { HOME: home, DAZ_PORT: String(port), DAZ_HOST: undefined },
      work,
    );
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/port is in use/);
    const still = await dazport(['scene', '--json']);
    expect(still.code).toBe(0);
    expect(onlyJson(still).ok).toBe(true);
  }, 60_000);

  it("a second emulator on another port will not take over the first one's token file", async () => {
    const second = await runCli(['emulator', '--port', '0'], { HOME: home, DAZ_HOST: undefined }, work);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(`the emulator at http://127\\.0\\.0\\.1:${port} \\(pid \\d+\\) uses the token file`),
    );
    const still = await dazport(['scene', '--json']);
    expect(still.code, still.stderr).toBe(0);
  }, 60_000);

  it('a guessed label names the closest ones and the command that lists them all', async () => {
    const select = await mistake(['export', '--out', 'g.glb', '--select', 'Genesis9']);
    expect(select.code).toBe(2);
    expect(select.stderr).toMatch(/closest: "Genesis 9"/);
    expect(select.stderr).toMatch(/dazport scene/);
    const live = await mistake(['retarget', 'walk.bvh', '--to', 'live:genesis 9', '--json']);
    expect(live.code).toBe(2);
    expect(onlyJson(live).error?.message).toMatch(/closest: "Genesis 9"/);
    const builtin = await mistake(['retarget', 'walk.bvh', '--to', 'genesis10', '--out', 'w.glb']);
    expect(builtin.code).toBe(1);
    expect(builtin.stderr).toMatch(/genesis9/);
    expect(existsSync(join(work, 'g.glb'))).toBe(false);
    expect(existsSync(join(work, 'w.glb'))).toBe(false);
  }, 60_000);

  it('built-in figure ids are the same in every command', async () => {
    // The id retarget --to takes, in discover; the long form retarget also takes, in scene.
    const discover = await mistake(['discover', '--figure', 'genesis8f', '--json']);
    expect(discover.code, discover.stderr).toBe(0);
    const scene = await mistake(['scene', '--emulated', 'genesis8female', '--json']);
    expect(scene.code, scene.stderr).toBe(0);
  }, 60_000);

  it('usage errors under --json are one JSON object on stdout, exit 1', async () => {
    for (const args of [
      ['export', '--json'],
      ['--json', 'exprot'],
      ['retarget', 'walk.bvh', '--to', 'genesis9', '--twist', 'sideways', '--json'],
    ]) {
      const r = await mistake(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(onlyJson(r).error?.code).toBe('DAZPORT_USAGE');
    }
  }, 60_000);

  it('-q prints nothing at all when all goes well', async () => {
    const r = await mistake(['-q', 'scene', '--morphs']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  }, 60_000);

  it('a file that is not BVH is named for what it is; inspect summarises a .glb instead', async () => {
    writeFileSync(join(work, 'photo.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const png = await mistake(['retarget', 'photo.png', '--to', 'genesis9', '--out', 'p.glb']);
    expect(png.code).toBe(2);
    expect(png.stderr).toMatch(/photo\.png is a PNG image/);
    expect(png.stderr).not.toMatch(/[\x00-\x08\x0e-\x1f]/);
    const glb = await mistake(['inspect', 'hero.glb', '--json']);
    expect(glb.code, glb.stderr).toBe(0);
    expect(JSON.stringify(onlyJson(glb))).toMatch(/"skins"/);
  }, 60_000);

  it('hints name the flag to use, not the library option', async () => {
    const r = await mistake([
      'retarget',
      'walk.bvh',
      '--to',
      'genesis9',
      '--root-scale',
      'unit',
      '--out',
      'u.glb',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--source-unit-cm/);
    expect(r.stderr).not.toMatch(/sourceUnitCm/);
  }, 60_000);

  it("a refused token says where it came from, never what it is; the emulator will not write DAZ Studio's file", async () => {
    const byFlag = await mistake(['scene', '--token', 'not-the-token']);
    expect(byFlag.code).toBe(4);
    expect(byFlag.stderr).toMatch(/the token given with --token/);
    expect(byFlag.stderr).not.toMatch(/not-the-token/);
    const none = await mistake(['scene'], { DAZ_TOKEN_FILE: undefined });
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/dazscriptserver_token\.txt does not exist/);
    expect(none.stderr).toMatch(/dazport-emulator-token\.txt/);
    const daz = await runCli(
      ['emulator', '--port', '0', '--token-file', '~/.daz3d/dazscriptserver_token.txt'],
      { HOME: home },
      work,
    );
    expect(daz.code).toBe(1);
    expect(existsSync(join(home, '.daz3d', 'dazscriptserver_token.txt'))).toBe(false);
  }, 60_000);

  it('a token file given as ~/… is found, quoted or not', async () => {
    const r = await mistake(['scene', '--token-file=~/.daz3d/dazport-emulator-token.txt'], {
      DAZ_TOKEN_FILE: '',
    });
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);

  it("the README's retarget onto the mannequin says nothing about its materials", () => {
    const retargets = [...readmeResults].filter(([line]) => / retarget .*--to genesis/.test(line));
    expect(retargets.length).toBeGreaterThan(0);
    for (const [line, r] of retargets) expect(r.stderr, line).not.toMatch(/material/i);
  });
});
