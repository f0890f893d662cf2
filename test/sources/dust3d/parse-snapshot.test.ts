/** Dust3D's snapshot XML (getsnapshot) through dazport's own small XML reader. */
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../../src/sources/dust3d/parse-snapshot.js';
import { readXml } from '../../../src/sources/dust3d/xml-reader.js';
import { SEED_NODE_ID, SEED_PART_ID, SEED_SNAPSHOT_XML } from './seed-examples.js';

describe('parseSnapshot', () => {
  it("reads the protocol document's getSnapshot reply, typographic quotes and all", () => {
    const s = parseSnapshot(SEED_SNAPSHOT_XML);
    expect(s.canvas).toEqual({});
    expect(s.nodes).toEqual([
      { id: SEED_NODE_ID, partId: SEED_PART_ID, x: 0.51, y: 0.51, z: 1.01, radius: 0.08, boneMark: 'None' },
    ]);
    expect(s.edges).toEqual([]);
    expect(s.parts).toMatchObject([
      { id: SEED_PART_ID, visible: true, disabled: false, xMirrored: false, chamfered: false, locked: false },
    ]);
    expect(s.parts[0].color).toBeUndefined();
    expect(s.components).toEqual([
      {
        id: '{946dad8f-28d5-40c8-8c70-709ecc1ca048}',
        combineMode: 'Normal',
        expanded: false,
        linkData: SEED_PART_ID,
        linkDataType: 'partId',
        children: [],
      },
    ]);
  });

  it('reads edges, bone marks, colours (#rrggbb and #aarrggbb), nested components, entities and the canvas origin', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- written by hand -->
<canvas originX="0.5" originY="0.8" originZ="1" rigType="Animal">
    <nodes>
        <node boneMark="Limb" id="{a}" name="knee &amp; &#x4e00;" partId="{p}" radius="0.05" x="1" y="2" z="3"/>
    </nodes>
    <edges>
        <edge from="{a}" id="{e}" partId="{p}" to="{b}"/>
    </edges>
    <parts>
        <part color="#ff8000" id="{p}" xMirrored="true"/>
        <part color="#80ff0000" id="{q}" disabled="true"/>
    </parts>
    <components>
        <component combineMode="Normal" expanded="true" id="{g}" name="group">
            <component combineMode="Inversion" expanded="false" id="{c}" linkData="{p}" linkDataType="partId"/>
        </component>
    </components>
    <materials><material id="{m}" name='Skin' type="MetalRoughness"><layers/></material></materials>
</canvas>`;
    const s = parseSnapshot(xml);
    expect(s.canvas).toEqual({ originX: '0.5', originY: '0.8', originZ: '1', rigType: 'Animal' });
    expect(s.nodes[0]).toMatchObject({ boneMark: 'Limb', name: 'knee & 一' });
    expect(s.edges[0]).toEqual({ id: '{e}', from: '{a}', to: '{b}', partId: '{p}' });
    expect(s.parts[0]).toMatchObject({ xMirrored: true, visible: true });
    expect(s.parts[0].color?.map((c) => Math.round(c * 255))).toEqual([255, 128, 0]);
    expect(s.parts[1].color?.map((c) => Math.round(c * 255))).toEqual([255, 0, 0]);
    expect(s.components[0].children[0]).toMatchObject({
      id: '{c}',
      combineMode: 'Inversion',
      linkData: '{p}',
    });
    expect(s.materials).toMatchObject([{ id: '{m}', name: 'Skin' }]);
  });

  it('refuses malformed XML with the line and column', () => {
    expect(() => readXml('<canvas>\n  <nodes>\n</canvas>')).toThrow(
      expect.objectContaining({ code: 'DAZPORT_SCENE_INVALID', line: 3, column: 1 }),
    );
    expect(() => readXml('<canvas>\n<nodes>')).toThrow(/<nodes> \(line 2\) is never closed/);
    expect(() => readXml('<canvas a="1>')).toThrow(/unclosed value of attribute a/);
    expect(() => readXml('<canvas>text</canvas>')).toThrow(/line 1, column 9: text content "text/);
    expect(() => readXml('<a x="&nope;"/>')).toThrow(/unknown entity &nope;/);
    expect(() =>
      parseSnapshot(
        '<canvas><nodes>\n<node id="{a}" partId="{p}" radius="r" x="0" y="0" z="0"/></nodes></canvas>',
      ),
    ).toThrow(/line 2, column 1: <node> radius="r" is not a number/);
    expect(() => parseSnapshot('<canvas><parts><part id="{p}" color="red"/></parts></canvas>')).toThrow(
      /not #rgb/,
    );
    expect(() => parseSnapshot('<svg/>')).toThrow(/expected <canvas>/);
  });
});
