/**
 * With --json, before or after the command, every usage error prints exactly one JSON object
 * (code DAZPORT_USAGE) on stdout and nothing on stderr, and exits 1; without --json, commander's
 * message goes to stderr, stdout stays empty, and the status is still 1.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const CASES: [what: string, args: string[], commanderCode: string, says: RegExp][] = [
  [
    'missing --out',
    ['export', '--json'],
    'commander.missingMandatoryOptionValue',
    /--out <file>' not specified/,
  ],
  [
    'invalid --to',
    ['--json', 'retarget', 'x.bvh', '--to', 'nope'],
    'commander.invalidArgument',
    /--to takes/,
  ],
  [
    'invalid choice',
    ['retarget', 'x.bvh', '--to', 'genesis9', '--twist', 'sideways', '--json'],
    'commander.invalidArgument',
    /Allowed choices are distribute, keep/,
  ],
  ['unknown command', ['--json', 'exprot'], 'commander.unknownCommand', /unknown command 'exprot'/],
  [
    'unknown option',
    ['--json', 'export', '--out', 'a.glb', '--rigid'],
    'commander.unknownOption',
    /'--rigid'/,
  ],
  ['missing argument', ['inspect', '--json'], 'commander.missingArgument', /argument 'clip'/],
  ['excess arguments', ['inspect', 'a.bvh', 'b.bvh', '--json'], 'commander.excessArguments', /too many/],
  [
    'argParser error',
    ['export', '-o', 'a.glb', '--chunk-kb', '3', '--json'],
    'commander.invalidArgument',
    /16 to 32768/,
  ],
  [
    'option without its value',
    ['--json', 'export', '--out'],
    'commander.optionMissingArgument',
    /argument missing/,
  ],
  ['no command', ['--json'], 'commander.help', /no command given/],
];

describe('usage errors with --json', () => {
  it.each(CASES)(
    '%s: one DAZPORT_USAGE object on stdout, nothing on stderr, exit 1',
    async (_, args, code, says) => {
      const r = await runInProcess(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
      const json = JSON.parse(r.stdout);
      expect(json).toMatchObject({
        ok: false,
        error: { code: 'DAZPORT_USAGE', context: { commanderCode: code } },
      });
      expect(json.error.message).toMatch(says);
      expect(json.error.message).not.toMatch(/^error:/);
      expect(json.error.suggestion).toMatch(/--help/);
    },
  );

  it('without --json: the human message on stderr, stdout empty, exit 1', async () => {
    for (const args of [['export'], ['exprot'], ['retarget', 'x.bvh', '--to', 'nope']]) {
      const r = await runInProcess(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: /);
    }
  });

  it('--help and --version still exit 0 with plain text, with --json too', async () => {
    const help = await runInProcess(['export', '--help', '--json']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: dazport export/);
    const version = await runInProcess(['--json', '--version']);
    expect(version).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), stderr: '' });
  });

  it('the bin itself: stdout is the JSON object and the process exits 1', async () => {
    const r = await runCli(['export', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'DAZPORT_USAGE' } });
  }, 30_000);
});
