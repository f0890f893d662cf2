/**
 * Turns a compact rig table plus a joint-centre table (rig-spec.ts) into a full SkeletonDefinition:
 * resolves end points, computes orientations, adds the mirrored right side and orders the bones
 * parents-first. Runs once at module load; any inconsistency in the tables throws, so a typo in a
 * bone name fails the first import (and the tests) instead of producing a silently broken rig.
 */

import { boneOrientation } from './bone-orientation.js';
import { mirrorBoneName, mirrorLabel, mirrorPoint, mirrorQuaternion } from './mirror.js';
import type { EndRule, FigureSpec, RigRow } from './rig-spec.js';
import type { BoneDefinition, SkeletonDefinition, Vec3Tuple } from './skeleton-definition.js';
import { add, length, normalize, roundTo, scale, sub } from './vector-math.js';

/** End points are rounded to 0.001 cm: finer than the 0.1 cm joint data, tidy in dumps. */
const END_DECIMALS = 3;

export function buildSkeleton(spec: FigureSpec): SkeletonDefinition {
  const rows = new Map<string, RigRow>();
  for (const row of spec.rig) {
    if (rows.has(row[0])) throw new Error(`${spec.id}: duplicate bone ${row[0]}`);
    rows.set(row[0], row);
  }
  validate(spec, rows);

  const defs: BoneDefinition[] = [];
  for (const [name, label, parent, rotationOrder, role, rule] of spec.rig) {
    const origin = spec.origins[name];
    const end = resolveEnd(spec, rows, name, rule);
    const def: BoneDefinition = {
      name,
      label,
      parent,
      rotationOrder,
      origin: [...origin],
      end,
      orientation: boneOrientation(rotationOrder, origin, end),
      role,
    };
    defs.push(def);
    const twin = mirrorBoneName(name);
    if (twin !== undefined) defs.push(mirrorBone(def, twin));
  }

  return {
    id: spec.id,
    figureName: spec.figureName,
    figureLabel: spec.figureLabel,
    bones: parentsFirst(spec, defs),
  };
}

function validate(spec: FigureSpec, rows: Map<string, RigRow>): void {
  const roots = spec.rig.filter((row) => row[2] === null);
  if (roots.length !== 1 || roots[0][0] !== 'hip') throw new Error(`${spec.id}: the only root must be hip`);
  for (const [name, , parent] of spec.rig) {
    if (/^r[A-Z_]/.test(name)) throw new Error(`${spec.id}: ${name}: list left-side bones only`);
    if (parent !== null && !rows.has(parent))
      throw new Error(`${spec.id}: ${name}: unknown parent ${parent}`);
    // A centre bone under a left-side parent would have no mirrored place to go.
    if (parent !== null && mirrorBoneName(name) === undefined && mirrorBoneName(parent) !== undefined) {
      throw new Error(`${spec.id}: centre bone ${name} under side bone ${parent}`);
    }
    if (spec.origins[name] === undefined) throw new Error(`${spec.id}: no joint centre for ${name}`);
  }
  for (const name of Object.keys(spec.origins)) {
    if (!rows.has(name)) throw new Error(`${spec.id}: joint centre for unknown bone ${name}`);
  }
}

function resolveEnd(spec: FigureSpec, rows: Map<string, RigRow>, name: string, rule: EndRule): Vec3Tuple {
  const origin = spec.origins[name];
  let end: Vec3Tuple;
  switch (rule.kind) {
    case 'to': {
      const target = spec.origins[rule.bone];
      if (target === undefined) throw new Error(`${spec.id}: ${name}: end target ${rule.bone} unknown`);
      end = target;
      break;
    }
    case 'extend':
    case 'extendFlat': {
      const parent = rows.get(name)?.[2];
      if (!parent) throw new Error(`${spec.id}: ${name}: extend needs a parent`);
      const line = sub(origin, spec.origins[parent]);
      if (rule.kind === 'extendFlat') line[1] = 0;
      end = add(origin, scale(normalize(line), rule.length));
      break;
    }
    case 'toward':
      end = add(origin, scale(normalize(rule.direction), rule.length));
      break;
  }
  const rounded: Vec3Tuple = [
    roundTo(end[0], END_DECIMALS),
    roundTo(end[1], END_DECIMALS),
    roundTo(end[2], END_DECIMALS),
  ];
  if (length(sub(rounded, origin)) < 0.05) throw new Error(`${spec.id}: ${name}: end coincides with origin`);
  return rounded;
}

function mirrorBone(left: BoneDefinition, name: string): BoneDefinition {
  return {
    name,
    label: mirrorLabel(left.label),
    parent: left.parent === null ? null : (mirrorBoneName(left.parent) ?? left.parent),
    rotationOrder: left.rotationOrder,
    origin: mirrorPoint(left.origin),
    end: mirrorPoint(left.end),
    orientation: mirrorQuaternion(left.orientation),
    role: left.role,
  };
}

/**
 * Depth-first from the root, children in table order with each right bone right after its left
 * twin. This reproduces DAZ's own listing (whole left leg, then whole right leg ...) and puts every
 * parent before its children.
 */
function parentsFirst(spec: FigureSpec, defs: BoneDefinition[]): BoneDefinition[] {
  const children = new Map<string | null, BoneDefinition[]>();
  for (const def of defs) {
    const list = children.get(def.parent) ?? [];
    list.push(def);
    children.set(def.parent, list);
  }
  const ordered: BoneDefinition[] = [];
  const visit = (def: BoneDefinition): void => {
    ordered.push(def);
    for (const child of children.get(def.name) ?? []) visit(child);
  };
  for (const root of children.get(null) ?? []) visit(root);
  if (ordered.length !== defs.length) throw new Error(`${spec.id}: some bones are not reachable from hip`);
  return ordered;
}
