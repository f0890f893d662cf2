/**
 * The built-in scenes: a posed Genesis figure of each generation staged with a textured prop,
 * a camera and a distant, a spot and a point light; `heavy` for benchmarks (several figures and
 * props, at least 1,000,000 vertices, or any size within the scene budget with `heavy:<vertices>`);
 * `g9-anim`: the g9 stage animated (30 fps, 0–2 s: a waving arm, a head turn, a neck bend, a hip dip and
 * sway over a standing leg that keeps its foot planted, a belly morph, the cube rising and turning);
 * `empty`.
 */
import type { GenesisFigureId } from '../../bonemaps/genesis/skeleton-definition.js';
import type { FigureSpec, SceneSpec, Vec3 } from './scene-spec.js';

export const BUILTIN_SCENE_NAMES = ['g9', 'g8f', 'g8m', 'g9-anim', 'heavy', 'empty'] as const;
export type BuiltinSceneName = (typeof BUILTIN_SCENE_NAMES)[number];

const G8_POSE: Record<string, Vec3> = {
  head: [-8, 20, 0],
  neckUpper: [4, 6, 0],
  lShldrBend: [0, 10, 35],
  rShldrBend: [0, -5, -25],
  lForearmBend: [0, -55, 0],
  rForearmBend: [0, 30, 0],
  lThighBend: [-30, 0, -4],
  lShin: [40, 0, 0],
  rThighBend: [10, 0, 3],
  abdomenUpper: [6, 0, 3],
};

const G9_POSE: Record<string, Vec3> = {
  head: [-8, 20, 0],
  neck2: [4, 6, 0],
  l_upperarm: [0, 10, 35],
  r_upperarm: [0, -5, -25],
  l_forearm: [0, -55, 0],
  r_forearm: [0, 30, 0],
  l_thigh: [-30, 0, -4],
  l_shin: [40, 0, 0],
  r_thigh: [10, 0, 3],
  spine2: [6, 0, 3],
};

function figureSpec(
  figure: GenesisFigureId,
  label: string,
  detail = 1,
  translate: Vec3 = [0, 0, 0],
): FigureSpec {
  return {
    figure,
    label,
    detail,
    pose: figure === 'genesis9' ? G9_POSE : G8_POSE,
    morphs: { 'Body Heavy': 0.3 },
    transform: { translate },
    selected: translate[0] === 0,
  };
}

function staged(name: string, figures: FigureSpec[]): SceneSpec {
  return {
    name,
    figures,
    props: [
      {
        shape: 'box',
        label: 'Textured Cube',
        name: 'Cube',
        size: 40,
        segments: 4,
        transform: { translate: [70, 0, 10], rotate: [0, 30, 0] },
        surface: {
          type: 'iray',
          values: {
            'Glossy Roughness': 0.6,
            'Metallic Weight': 0.2,
            'Horizontal Tiles': 2,
            'Vertical Tiles': 2,
            // Varnished: a clear top coat over the checker (KHR_materials_clearcoat, USD clearcoat).
            'Top Coat Weight': 0.5,
            'Top Coat Roughness': 0.1,
          },
          maps: { 'Diffuse Color': 'checker_diffuse.png', 'Glossy Roughness': 'checker_roughness.png' },
        },
      },
    ],
    cameras: [
      {
        label: 'Camera 1',
        name: 'Camera',
        transform: { translate: [60, 140, 420] },
        aimAt: [0, 100, 0],
        focalLength: 65,
        frameWidth: 36,
        aspect: [16, 9],
      },
    ],
    lights: [
      {
        kind: 'distant',
        label: 'Distant Light 1',
        name: 'DistantLight',
        transform: { rotate: [-45, 30, 0] },
        intensity: 1,
        color: [1, 0.98, 0.95],
      },
      {
        kind: 'spot',
        label: 'Spotlight 1',
        name: 'Spotlight',
        transform: { translate: [-250, 300, 250] },
        aimAt: [0, 110, 0],
        flux: 15000,
        spreadAngle: 40,
      },
      {
        kind: 'point',
        label: 'Point Light 1',
        name: 'PointLight',
        transform: { translate: [150, 200, -150] },
        flux: 3000,
        color: [1, 0.8, 0.6],
      },
    ],
  };
}

/**
 * Keys on the g9 stage, frames at 30 fps over 0–60 (2 s); frame 0 keeps g9's pose so that the
 * scene at its current time (frame 0) is g9's. Uneven key spacing, so that a reader that
 * assumed keys on every frame, or evenly spaced ones, would be caught.
 */
function animated(spec: SceneSpec): SceneSpec {
  const fig = 'Genesis 9';
  return {
    ...spec,
    time: { fps: 30, endFrame: 60 },
    keys: [
      {
        node: fig,
        bone: 'r_upperarm',
        channel: 'ZRotate',
        keys: [
          [0, -25],
          [12, -75],
          [27, -40],
          [45, -80],
          [60, -25],
        ],
      },
      {
        node: fig,
        bone: 'r_forearm',
        channel: 'YRotate',
        keys: [
          [0, 30],
          [15, 70],
          [30, 20],
          [45, 70],
          [60, 30],
        ],
      },
      {
        node: fig,
        bone: 'head',
        channel: 'YRotate',
        keys: [
          [0, 20],
          [25, -30],
          [60, 20],
        ],
      },
      {
        // The neck bends forward past its corrective's last key (35°), so the baked
        // corrective rises, holds at 1 and falls back (--bake-correctives).
        node: fig,
        bone: 'neck1',
        channel: 'XRotate',
        keys: [
          [0, 0],
          [20, 25],
          [35, 50],
          [60, 0],
        ],
      },
      {
        node: fig,
        bone: 'hip',
        channel: 'XTranslate',
        keys: [
          [0, 0],
          [30, 6],
          [60, 0],
        ],
      },
      {
        node: fig,
        bone: 'hip',
        channel: 'YTranslate',
        keys: [
          [0, 0],
          [20, -3],
          [40, 0],
        ],
      },
      {
        // The standing (right) leg bends as the hip dips and leans as it sways, so its foot stays
        // planted: without these the dip pushed the foot 3 cm into the floor and the sway slid it
        // 6 cm sideways. Angles found by measuring the foot in the emulator (lowest point within
        // 0.3 cm of frame 0's at frames 10, 20 and 30; the left leg is the lifted one).
        node: fig,
        bone: 'r_thigh',
        channel: 'XRotate',
        keys: [
          [0, 10],
          [10, 0],
          [20, -4.5],
          [30, 0],
          [40, 10],
        ],
      },
      {
        node: fig,
        bone: 'r_shin',
        channel: 'XRotate',
        keys: [
          [0, 0],
          [10, 20],
          [20, 29],
          [30, 20],
          [40, 0],
        ],
      },
      {
        node: fig,
        bone: 'r_foot',
        channel: 'XRotate',
        keys: [
          [0, 0],
          [10, -10],
          [20, -14.5],
          [30, -10],
          [40, 0],
        ],
      },
      {
        node: fig,
        bone: 'r_thigh',
        channel: 'ZRotate',
        keys: [
          [0, 3],
          [30, -1.2],
          [60, 3],
        ],
      },
      {
        node: fig,
        bone: 'r_foot',
        channel: 'ZRotate',
        keys: [
          [0, 0],
          [30, 4.2],
          [60, 0],
        ],
      },
      {
        node: fig,
        morph: 'Belly',
        keys: [
          [0, 0],
          [30, 1],
          [60, 0.2],
        ],
      },
      {
        node: 'Textured Cube',
        channel: 'YTranslate',
        keys: [
          [0, 0],
          [30, 40],
          [60, 0],
        ],
      },
      {
        node: 'Textured Cube',
        channel: 'YRotate',
        keys: [
          [0, 30],
          [60, 210],
        ],
      },
    ],
  };
}

/**
 * `heavy` (≥ 1,000,000 vertices) or `heavy:<vertices>`: four figures side by side at a detail
 * chosen so their meshes together reach the target, plus the stage.
 */
export function heavyScene(targetVertices: number, detailFor: (target: number) => number): SceneSpec {
  const detail = detailFor(targetVertices);
  const ids: GenesisFigureId[] = ['genesis9', 'genesis8female', 'genesis8male', 'genesis9'];
  const labels = ['Genesis 9', 'Genesis 8 Female', 'Genesis 8 Male', 'Genesis 9 (2)'];
  return staged(
    `heavy:${targetVertices}`,
    ids.map((id, i) => figureSpec(id, labels[i], detail, [(i - 1.5) * 90, 0, 0])),
  );
}

export function builtinScene(name: BuiltinSceneName): SceneSpec {
  switch (name) {
    case 'g9':
      return staged(name, [figureSpec('genesis9', 'Genesis 9')]);
    case 'g8f':
      return staged(name, [figureSpec('genesis8female', 'Genesis 8 Female')]);
    case 'g8m':
      return staged(name, [figureSpec('genesis8male', 'Genesis 8 Male')]);
    case 'g9-anim':
      return animated(staged(name, [figureSpec('genesis9', 'Genesis 9')]));
    case 'heavy':
      throw new Error('heavy scenes are built by heavyScene()');
    case 'empty':
      return { name };
  }
}

/** `heavy` or `heavy:<n>` → target vertex count, else undefined. */
export function parseHeavy(name: string): number | undefined {
  const m = /^heavy(?::(\d+))?$/.exec(name);
  if (!m) return undefined;
  return m[1] ? Number(m[1]) : 1_000_000;
}

export function isBuiltinSceneName(name: string): name is BuiltinSceneName {
  return (BUILTIN_SCENE_NAMES as readonly string[]).includes(name);
}
