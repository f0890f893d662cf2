/** Parsers for the retarget command's pose and floor options. */
import { InvalidArgumentError } from 'commander';
import type { FloorChoice, SourceRestChoice } from '../import/retarget/retarget.js';

/** `auto`, `zero` or `frame:N`. */
export function parseSourceRest(value: string): SourceRestChoice {
  if (value === 'auto' || value === 'zero') return value;
  const m = /^frame:(\d+)$/.exec(value.trim());
  if (!m)
    throw new InvalidArgumentError(
      `--source-rest takes auto, zero or frame:N (a 0-based frame), got "${value}"`,
    );
  return { frame: Number(m[1]) };
}

/** `auto`, `keep` or a floor height in cm. */
export function parseFloor(value: string): FloorChoice {
  if (value === 'auto' || value === 'keep') return value;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new InvalidArgumentError(`--floor takes auto, keep or a height in cm, got "${value}"`);
  return n;
}
