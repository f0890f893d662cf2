import { describe, expect, it } from 'vitest';
import { parseSourceSpec } from '../../src/cli/source-option.js';

describe('--source <app>[:host:port]', () => {
  it.each([
    ['daz', { kind: 'daz' }],
    ['dust3d', { kind: 'dust3d' }],
    ['Poser', { kind: 'poser' }],
    ['dust3d:53310', { kind: 'dust3d', port: 53310 }],
    ['dust3d:localhost', { kind: 'dust3d', host: 'localhost' }],
    ['poser:192.168.1.215:55555', { kind: 'poser', host: '192.168.1.215', port: 55555 }],
    ['poser:[::1]:55556', { kind: 'poser', host: '::1', port: 55556 }],
    ['poser:[::1]', { kind: 'poser', host: '::1' }],
  ])('%s', (text, spec) => {
    expect(parseSourceSpec(text)).toEqual(spec);
  });

  it.each([
    ['blender', /"blender" is not a source: choose daz, dust3d, poser/],
    ['dust3d:', /nothing after the colon/],
    ['dust3d:host:99999', /"99999" is not a port/],
    ['dust3d:host:port', /"port" is not a port/],
    ['poser:::1:55555', /IPv6 host in brackets/],
    ['poser:[::1', /closing bracket/],
    ['poser:a b', /"a b" is not a host/],
  ])('refuses %s', (text, message) => {
    expect(() => parseSourceSpec(text)).toThrow(message);
  });
});
