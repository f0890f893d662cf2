/**
 * An emulator scene with every kind of node the type filters and the listing must tell apart:
 * two figures (one with a dialled morph), a prop parented to a figure's bone, a prop under a
 * prop, a free prop, a camera and a light.
 */
export const TWO_FIGURE_SCENE = {
  name: 'two figures',
  figures: [
    { figure: 'genesis9', label: 'Hero', detail: 0.3, morphs: { 'Body Heavy': 0.5 } },
    { figure: 'genesis8female', label: 'Sidekick', detail: 0.3, transform: { translate: [80, 0, 0] } },
  ],
  props: [
    { shape: 'sphere', label: 'Hat', size: 20, parent: 'Head' },
    { shape: 'box', label: 'Crate', size: 40, transform: { translate: [-80, 0, 0] } },
    { shape: 'box', label: 'Lid', size: 10, parent: 'Crate' },
  ],
  cameras: [{ label: 'Shot Cam', transform: { translate: [0, 150, 400] } }],
  lights: [{ kind: 'spot', label: 'Key', transform: { translate: [200, 300, 200] } }],
};
