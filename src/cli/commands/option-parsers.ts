import { InvalidArgumentError } from 'commander';
import { expandHome } from '../../fs/expand-home.js';

/** A commander argParser for whole numbers in [min, max], with a message that names the flag. */
export function integerOption(flag: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} takes a whole number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

/**
 * An argParser for options that also come from the environment (DAZ_HOST, DAZ_PORT): a blank
 * value, as `DAZ_HOST=` in a shell profile or an .env file leaves it, means "not given". Taken as
 * it is, an empty host would bind the emulator to every interface instead of loopback.
 */
export function blankMeansDefault<T>(
  fallback: T,
  parse?: (value: string) => T,
): (value: string) => T | string {
  return (value: string) => (value.trim() === '' ? fallback : parse ? parse(value) : value);
}

/** A commander argParser for a positive number with an upper bound. */
export function positiveNumberOption(flag: string, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > max) {
      throw new InvalidArgumentError(`${flag} takes a number above 0 and at most ${max}, got "${value}"`);
    }
    return n;
  };
}

/** Collect a repeatable option into a list (`--out a.glb --out b.usda`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * The argParser of every option and argument that takes a path: a leading `~` is the home folder,
 * as a shell would have made it, for values that reach us unexpanded (`--token-file=~/t`, quoted,
 * or from an environment variable such as DAZ_TOKEN_FILE, which commander passes through here too).
 */
export function pathOption(value: string): string {
  return expandHome(value);
}

/** A repeatable path option (`--out ~/a.glb --out ~/b.usda`), each expanded like `pathOption`. */
export function collectPaths(value: string, previous: string[] | undefined): string[] {
  return collect(pathOption(value), previous);
}

/** Comma-separated labels (`--select "Genesis 9,Camera 1"`), repeatable too. */
export function collectLabels(value: string, previous: string[] | undefined): string[] {
  const labels = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...(previous ?? []), ...labels];
}
