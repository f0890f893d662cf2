import { DazportError } from '../../errors.js';

/** A BVH file that could not be read at all (missing, a directory, no permission...). */
export class BvhReadError extends DazportError {
  override name = 'BvhReadError';
  declare readonly code: 'DAZPORT_BVH_READ';

  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    const reason = (cause as { code?: unknown })?.code ?? (cause as Error)?.message ?? String(cause);
    super('DAZPORT_BVH_READ', `cannot read BVH file "${file}" (${String(reason)})`, {
      context: { file },
      suggestion: 'check the path and that the file is readable',
      cause,
    });
  }
}
