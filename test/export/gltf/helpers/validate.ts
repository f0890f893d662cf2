/** The Khronos glTF validator on a written file (external resources read beside it). */
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { type ValidationReport, validateBytes } from 'gltf-validator';

export async function validateFile(path: string): Promise<ValidationReport> {
  const bytes = await readFile(path);
  return validateBytes(new Uint8Array(bytes), {
    uri: basename(path),
    maxIssues: 0,
    externalResourceFunction: async (uri) =>
      new Uint8Array(await readFile(resolve(dirname(path), decodeURIComponent(uri)))),
  });
}

/** "severity CODE ×count" lines for the report's messages, one per code. */
export function summarizeIssues(report: ValidationReport): string[] {
  const names = ['error', 'warning', 'info', 'hint'];
  const counts = new Map<string, number>();
  for (const m of report.issues.messages) {
    const key = `${names[m.severity]} ${m.code} (${m.pointer ?? ''})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k} ×${n}`);
}
