/**
 * Turning request bodies into the fields the plugin reads, with its validation messages
 * (RequestValidator.cpp) and its loose typing (QVariant::toString on whatever came in).
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { ServerRefusal } from './error-response.js';

/** Parse a JSON object body; the detail reads like DAZ Studio 4's parser (`line N: SyntaxError: …`). */
export function parseJsonObject(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; detail: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : 1;
    return { ok: false, detail: `line ${line}: SyntaxError: ${message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, detail: 'expected a JSON object' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** `QVariant::toString()` of a JSON value: strings as is, numbers and booleans printed, others empty. */
export function variantString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** `QVariant::toMap()`: an object stays, anything else becomes `{}`. */
export function variantMap(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export interface ExecuteFields {
  script: string;
  scriptFile: string;
  args: Record<string, unknown>;
}

export function executeFields(body: Record<string, unknown>): ExecuteFields {
  return {
    script: variantString(body.script),
    scriptFile: variantString(body.scriptFile),
    args: variantMap(body.args),
  };
}

/** `validateExecuteFields`: what is missing, too long or not a usable file. */
export function validateExecuteFields(fields: ExecuteFields, maxScriptKB: number): ServerRefusal | null {
  if (!fields.script && !fields.scriptFile) {
    return new ServerRefusal(
      'MISSING_FIELD',
      "Request must include either 'script' (inline code) or 'scriptFile' (absolute path)",
    );
  }
  const maxUnits = maxScriptKB * 1024;
  if (fields.script && fields.script.length > maxUnits) {
    return new ServerRefusal(
      'SCRIPT_TOO_LARGE',
      `Script is ${fields.script.length} bytes; maximum is ${maxScriptKB} KB (${maxUnits} bytes)`,
    );
  }
  if (fields.scriptFile) {
    if (!isAbsolute(fields.scriptFile)) return new ServerRefusal('SCRIPT_FILE_NOT_ABSOLUTE');
    const stat = statSync(fields.scriptFile, { throwIfNoEntry: false });
    if (!stat) return new ServerRefusal('SCRIPT_FILE_NOT_FOUND', fields.scriptFile);
    if (!stat.isFile()) return new ServerRefusal('SCRIPT_FILE_NOT_FILE', fields.scriptFile);
  }
  return null;
}

/** The source to run: the file wins over inline text, as in the plugin. */
export function loadScriptSource(fields: ExecuteFields): { ok: true; source: string } | { ok: false } {
  if (!fields.scriptFile) return { ok: true, source: fields.script };
  try {
    return { ok: true, source: readFileSync(fields.scriptFile, 'utf8') };
  } catch {
    return { ok: false };
  }
}
