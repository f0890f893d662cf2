import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeExpandedPath, expandHome } from '../../src/fs/expand-home.js';

describe('expandHome', () => {
  const home = join('/', 'users', 'ada');

  it('replaces a leading ~ or ~/ with the home folder', () => {
    expect(expandHome('~', home)).toBe(home);
    expect(expandHome('~/', home)).toBe(home);
    expect(expandHome('~/.daz3d/dazscriptserver_token.txt', home)).toBe(
      join(home, '.daz3d', 'dazscriptserver_token.txt'),
    );
  });

  it('leaves ~ elsewhere, ~user and ordinary paths as they are', () => {
    for (const path of ['a/~/b', '/tmp/~', 'backup~', '~ada/x', '~~/x', './~/x', 'clip.bvh', '/abs/x', ''])
      expect(expandHome(path, home)).toBe(path);
  });

  it('uses the process home (HOME) when none is given', () => {
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      expect(expandHome('~/x')).toBe(join(home, 'x'));
    } finally {
      process.env.HOME = saved;
    }
  });

  it('describes a path as typed, with its expansion when that differs', () => {
    expect(describeExpandedPath('~/x', join(home, 'x'))).toBe(`~/x (${join(home, 'x')})`);
    expect(describeExpandedPath('/abs/x', '/abs/x')).toBe('/abs/x');
  });
});
