/** Dust3D's OBJ (and the OBJ forms other tools write) into 3/4-corner faces. */
import { describe, expect, it } from 'vitest';
import { parseObj } from '../../../src/sources/dust3d/parse-obj.js';
import { SEED_OBJ } from './seed-examples.js';

describe('parseObj', () => {
  it("reads the protocol document's exportAsObj reply: 8 vertices, 6 quads", () => {
    const mesh = parseObj(SEED_OBJ);
    expect(mesh.positions.length / 3).toBe(8);
    expect([...mesh.positions.slice(0, 3)]).toEqual([-0.08, 0.08, 0.08]);
    expect([...mesh.faceSizes]).toEqual([4, 4, 4, 4, 4, 4]);
    expect([...mesh.faceVertexIndices.slice(0, 4)]).toEqual([1, 0, 5, 4]);
    expect(mesh.fannedPolygons).toBe(0);
    expect(mesh.uvs).toBeNull();
    expect(mesh.normals).toBeNull();
  });

  it('fans polygons of 5+ corners from their first corner and says which polygon each face came from', () => {
    const mesh = parseObj('v 0 0 0\nv 1 0 0\nv 2 1 0\nv 1 2 0\nv 0 1 0\nv 0 0 1\nf 1 2 3 4 5\nf 1 2 6\n');
    expect([...mesh.faceSizes]).toEqual([3, 3, 3, 3]);
    expect([...mesh.faceVertexIndices]).toEqual([0, 1, 2, 0, 2, 3, 0, 3, 4, 0, 1, 5]);
    expect([...mesh.polygonOfFace]).toEqual([0, 0, 0, 1]);
    expect(mesh).toMatchObject({ polygonCount: 2, fannedPolygons: 1 });
  });

  it('reads v/vt/vn, v//vn and negative indices; UVs per corner, normals per vertex', () => {
    const text = [
      'v 0 0 0',
      'v 1 0 0',
      'v 0 1 0',
      'vt 0 0',
      'vt 1 0',
      'vt 0 1',
      'vn 0 0 1',
      'f 1/1/1 2/2/1 3/3/1',
      'f -3/-3/-1 -1/-1/-1 -2/-2/-1',
    ].join('\r\n');
    const mesh = parseObj(text);
    expect([...mesh.faceVertexIndices]).toEqual([0, 1, 2, 0, 2, 1]);
    expect([...(mesh.uvs?.cornerIndices ?? [])]).toEqual([0, 1, 2, 0, 2, 1]);
    expect([...(mesh.normals ?? [])]).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 1]);
    expect(parseObj('v 0 0 0\nv 1 0 0\nv 0 1 0\nvn 0 0 1\nf 1//1 2//1 3//1').uvs).toBeNull();
  });

  it('refuses malformed input with the line and column', () => {
    expect(() => parseObj('# DUST3D\nv 0 0 zero\n')).toThrow(
      expect.objectContaining({ code: 'DAZPORT_SCENE_INVALID', line: 2, column: 7 }),
    );
    expect(() => parseObj('v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 4\n')).toThrow(
      /line 4, column 7: vertex index 4 is out of range/,
    );
    expect(() => parseObj('v 0 0 0\nf 1 1\n')).toThrow(/a face needs 3 corners/);
    expect(() => parseObj('+OK\r\n')).toThrow(/line 1, column 1: "\+OK" is not an OBJ statement/);
  });
});
