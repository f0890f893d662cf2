/**
 * Numbers as the CLI prints them, one way everywhere: an export's report and `inspect` on the
 * same file must not say 2.8 MB and 2.9 MB. Sizes are binary (1 MB = 1024 kB = 1,048,576 bytes),
 * counts have thousands separators, nouns agree with their counts.
 */

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${Math.round(n)} B`;
}

/** 950 · 12,400 */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const IRREGULAR: Record<string, string> = { mesh: 'meshes', vertex: 'vertices' };

/** `1 mesh`, `2 meshes`, `24,423 vertices`; `many` for plurals not in the short list. */
export function plural(n: number, one: string, many?: string): string {
  return `${formatCount(n)} ${n === 1 ? one : (many ?? IRREGULAR[one] ?? `${one}s`)}`;
}
