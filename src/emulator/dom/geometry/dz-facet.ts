/**
 * DzFacet: one polygon, a value object whose fields are properties: vertIdx1..4, uvwIdx1..4,
 * normIdx1..4, edgeIdx1..4 (the 4th is -1 on triangles), materialIndex, faceGroupIndex, cageIndex.
 */
export class DzFacet {
  vertIdx1 = -1;
  vertIdx2 = -1;
  vertIdx3 = -1;
  vertIdx4 = -1;
  uvwIdx1 = -1;
  uvwIdx2 = -1;
  uvwIdx3 = -1;
  uvwIdx4 = -1;
  normIdx1 = -1;
  normIdx2 = -1;
  normIdx3 = -1;
  normIdx4 = -1;
  edgeIdx1 = -1;
  edgeIdx2 = -1;
  edgeIdx3 = -1;
  edgeIdx4 = -1;
  materialIndex = 0;
  faceGroupIndex = 0;
  cageIndex = -1;

  isQuad(): boolean {
    return this.vertIdx4 >= 0;
  }

  isTri(): boolean {
    return this.vertIdx4 < 0;
  }

  toString(): string {
    const v = [this.vertIdx1, this.vertIdx2, this.vertIdx3, this.vertIdx4].filter((i) => i >= 0);
    return `[ ${v.join(', ')} ]`;
  }
}
