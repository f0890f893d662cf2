import { randomUUID } from 'node:crypto';

/** Sync request ids: the first 8 hex digits of a v4 UUID, as `QUuid::toString().mid(1, 8)`. */
export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}

/** Async ids: `<type>-<8 hex>`, type `execute`, `script`, `rnd` (a render) or `bat` (a render batch). */
export function newAsyncId(type: 'execute' | 'script' | 'rnd' | 'bat'): string {
  return `${type}-${newRequestId()}`;
}
