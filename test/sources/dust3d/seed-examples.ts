/**
 * The literal examples of the Dust3D Remote IO protocol document (../shared/seeds/003_*.txt),
 * character for character: its `getSnapshot` reply (typographic quotes, no indentation, as the
 * document prints it), its `exportAsObj` reply and its `listwindow` reply.
 */
export const SEED_SNAPSHOT_XML = `<?xml version=”1.0”?>
<canvas>
<nodes>
<node id=”{3dc475f6-dcda-45b8-bb76-59948db39968}” partId=”{b8f9ae53-999c-4851-9c2b-69a427fca10c}” radius=”0.08” x=”0.51” y=”0.51” z=”1.01”/>
</nodes>
<edges/>
<parts>
<part chamfered=”false” disabled=”false” id=”{b8f9ae53-999c-4851-9c2b-69a427fca10c}” locked=”false” rounded=”false” subdived=”false” visible=”true” xMirrored=”false” zMirrored=”false”/>
</parts>
<components>
<component combineMode=”Normal” expanded=”false” id=”{946dad8f-28d5-40c8-8c70-709ecc1ca048}” linkData=”{b8f9ae53-999c-4851-9c2b-69a427fca10c}” linkDataType=”partId”/>
</components>
<materials/>
<poses/>
<motions/>
</canvas>
`;

export const SEED_OBJ = `# DUST3D
v -0.08 0.08 0.08
v -0.08 -0.08 0.08
v 0.08 -0.08 0.08
v 0.08 -0.08 -0.08
v -0.08 -0.08 -0.08
v -0.08 0.08 -0.08
v 0.08 0.08 -0.08
v 0.08 0.08 0.08
f 2 1 6 5
f 3 2 5 4
f 2 3 8 1
f 8 3 4 7
f 5 6 7 4
f 1 8 7 6
`;

export const SEED_LISTWINDOW = '{658cac48-4cc4-42bf-a561-dbd28330777e} Dust3D%201.0.0-beta.17%20*';

export const SEED_NODE_ID = '{3dc475f6-dcda-45b8-bb76-59948db39968}';
export const SEED_PART_ID = '{b8f9ae53-999c-4851-9c2b-69a427fca10c}';
