import { InvalidArgumentError } from 'commander';

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

/** Comma-separated labels (`--select "Genesis 9,Camera 1"`), repeatable too. */
export function collectLabels(value: string, previous: string[] | undefined): string[] {
  const labels = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...(previous ?? []), ...labels];
}
