/** `--source dust3d[:host[:port]]` values: the address, or a usage error showing the forms. */
import { describe, expect, it } from 'vitest';
import { parseDust3dSource } from '../../../src/sources/dust3d/index.js';

describe('parseDust3dSource', () => {
  it("defaults to Dust3D's own loopback address and port", () => {
    expect(parseDust3dSource('dust3d')).toEqual({ host: '127.0.0.1', port: 53309 });
    expect(parseDust3dSource('Dust3D:192.168.1.5')).toEqual({ host: '192.168.1.5', port: 53309 });
    expect(parseDust3dSource('dust3d:localhost:53400')).toEqual({ host: 'localhost', port: 53400 });
  });

  it('refuses other values as DAZPORT_USAGE with the accepted forms', () => {
    for (const bad of ['poser', 'dust3d:', 'dust3d:h:0', 'dust3d:h:99999', 'dust3d:h:12x', 'dust3d:::1'])
      expect(() => parseDust3dSource(bad), bad).toThrow(
        expect.objectContaining({
          code: 'DAZPORT_USAGE',
          suggestion: expect.stringContaining('dust3d:<host>:<port>'),
        }),
      );
  });
});
