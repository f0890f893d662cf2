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
