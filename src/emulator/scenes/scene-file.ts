/**
 * Scene JSON files: read, parse and validate, with errors that name the file and the place
 * (`figures[0].pose.l_forearm: expected three numbers [x, y, z]`), then check the scene's size
 * against the budget (scene-budget.ts) before anything is built.
 */
import { readFileSync } from 'node:fs';
import { SKELETON_DEFINITIONS } from '../../bonemaps/genesis/index.js';
import { DazportError } from '../../errors.js';
import { MAX_DETAIL } from './mannequin/mannequin-layout.js';
import { checkSceneBudget } from './scene-budget.js';
import type { SceneSpec } from './scene-spec.js';

export function loadSceneFile(path: string, notFoundSuggestion?: string): SceneSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DazportError(
      'DAZPORT_SCENE_NOT_FOUND',
      `scene "${path}" is neither built in nor a readable file`,
      {
        context: { scene: path },
        suggestion: notFoundSuggestion,
        cause,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new DazportError('DAZPORT_SCENE_INVALID', `${path}: not valid JSON (${(cause as Error).message})`, {
      context: { file: path },
      cause,
    });
  }
  return validateSceneSpec(json, path);
}

// ─── validation ───

class Checker {
  constructor(readonly file: string) {}

  fail(where: string, expected: string): never {
    throw new DazportError('DAZPORT_SCENE_INVALID', `${this.file}: ${where}: expected ${expected}`, {
      context: { file: this.file, where },
    });
  }

  object(v: unknown, where: string): Record<string, unknown> {
    if (!v || typeof v !== 'object' || Array.isArray(v)) this.fail(where, 'an object');
    return v as Record<string, unknown>;
  }

  array(v: unknown, where: string): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.fail(where, 'an array');
    return v;
  }

  string(v: unknown, where: string, optional = false): void {
    if (optional && v === undefined) return;
    if (typeof v !== 'string' || v === '') this.fail(where, 'a non-empty string');
  }

  number(v: unknown, where: string, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): void {
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
      this.fail(where, `a number from ${min} to ${max}`);
  }

  vec3(v: unknown, where: string): void {
    if (v === undefined) return;
    if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      this.fail(where, 'three numbers [x, y, z]');
    }
  }

  oneOf(v: unknown, where: string, options: readonly string[]): void {
    if (!options.includes(v as string)) this.fail(where, `one of ${options.join(', ')}`);
  }

  transform(v: unknown, where: string): void {
    if (v === undefined) return;
    const t = this.object(v, where);
    this.vec3(t.translate, `${where}.translate`);
    this.vec3(t.rotate, `${where}.rotate`);
    this.number(t.scale, `${where}.scale`, 0);
  }
}

/** The transform channels a scene file may key (KeySpec.channel). */
const KEY_CHANNELS = ['XTranslate', 'YTranslate', 'ZTranslate', 'XRotate', 'YRotate', 'ZRotate'];

export function validateSceneSpec(json: unknown, file: string): SceneSpec {
  const c = new Checker(file);
  const root = c.object(json, '(root)');
  c.string(root.name, 'name');
  c.array(root.figures, 'figures').forEach((f, i) => {
    const w = `figures[${i}]`;
    const fig = c.object(f, w);
    c.oneOf(
      fig.figure,
      `${w}.figure`,
      SKELETON_DEFINITIONS.map((s) => s.id),
    );
    c.string(fig.label, `${w}.label`, true);
    c.transform(fig.transform, `${w}.transform`);
    c.number(fig.detail, `${w}.detail`, 0.25, MAX_DETAIL);
    if (fig.facetOrder !== undefined) c.oneOf(fig.facetOrder, `${w}.facetOrder`, ['modelled', 'shuffled']);
    for (const [bone, angles] of Object.entries(
      fig.pose === undefined ? {} : c.object(fig.pose, `${w}.pose`),
    )) {
      c.vec3(angles, `${w}.pose.${bone}`);
    }
    for (const [morph, value] of Object.entries(
      fig.morphs === undefined ? {} : c.object(fig.morphs, `${w}.morphs`),
    )) {
      c.number(value, `${w}.morphs.${morph}`, -10, 10);
    }
  });
  c.array(root.props, 'props').forEach((p, i) => {
    const w = `props[${i}]`;
    const prop = c.object(p, w);
    c.oneOf(prop.shape, `${w}.shape`, ['box', 'sphere']);
    c.string(prop.label, `${w}.label`);
    c.number(prop.size, `${w}.size`, 0.001);
    c.number(prop.segments, `${w}.segments`, 1, 2000);
    c.transform(prop.transform, `${w}.transform`);
    if (prop.surface !== undefined) {
      const s = c.object(prop.surface, `${w}.surface`);
      if (s.type !== undefined) c.oneOf(s.type, `${w}.surface.type`, ['iray', 'pbrskin', 'default']);
      for (const [channel, file] of Object.entries(
        s.maps === undefined ? {} : c.object(s.maps, `${w}.surface.maps`),
      )) {
        c.string(file, `${w}.surface.maps.${channel}`);
      }
    }
  });
  c.array(root.cameras, 'cameras').forEach((v, i) => {
    const w = `cameras[${i}]`;
    const cam = c.object(v, w);
    c.string(cam.label, `${w}.label`);
    c.transform(cam.transform, `${w}.transform`);
    c.vec3(cam.aimAt, `${w}.aimAt`);
    c.number(cam.focalLength, `${w}.focalLength`, 1, 10000);
  });
  c.array(root.lights, 'lights').forEach((v, i) => {
    const w = `lights[${i}]`;
    const light = c.object(v, w);
    c.oneOf(light.kind, `${w}.kind`, ['distant', 'spot', 'point']);
    c.string(light.label, `${w}.label`);
    c.transform(light.transform, `${w}.transform`);
    c.vec3(light.aimAt, `${w}.aimAt`);
    c.vec3(light.color, `${w}.color`);
  });
  c.array(root.keys, 'keys').forEach((v, i) => {
    const w = `keys[${i}]`;
    const k = c.object(v, w);
    c.string(k.node, `${w}.node`);
    c.string(k.bone, `${w}.bone`, true);
    c.string(k.morph, `${w}.morph`, true);
    if (k.morph === undefined) c.oneOf(k.channel, `${w}.channel`, KEY_CHANNELS);
    c.array(k.keys, `${w}.keys`).forEach((key, j) => {
      const ok =
        Array.isArray(key) &&
        key.length === 2 &&
        key.every((x) => typeof x === 'number' && Number.isFinite(x));
      if (!ok) c.fail(`${w}.keys[${j}]`, '[frame, value]');
    });
  });
  checkSceneBudget(json as SceneSpec, file);
  return json as SceneSpec;
}
