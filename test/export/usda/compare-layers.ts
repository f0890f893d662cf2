/**
 * Compares the layer as dazport wrote it with the layer as TinyUSDZ understood it (its
 * `layerToString()` print, parsed by the same reader): same prims, types, API schemas,
 * metadata, values, connections and targets. Properties TinyUSDZ does not print back are listed
 * as `dropped` for the caller to judge (it leaves out value-less output declarations).
 */
import { allPrims, type UsdLayer, type UsdValue } from './usda-parse.js';

export interface LayerDiff {
  problems: string[];
  /** `path.property` authored by dazport, absent from TinyUSDZ's print. */
  dropped: string[];
}

export function compareLayers(mine: UsdLayer, theirs: UsdLayer): LayerDiff {
  const problems: string[] = [];
  const dropped: string[] = [];
  for (const key of [
    'defaultPrim',
    'upAxis',
    'metersPerUnit',
    'timeCodesPerSecond',
    'framesPerSecond',
    'startTimeCode',
    'endTimeCode',
    'doc',
  ]) {
    if (!same(mine.meta[key], theirs.meta[key]))
      problems.push(`layer ${key}: ${show(mine.meta[key])} vs ${show(theirs.meta[key])}`);
  }
  const mineMeta = mine.meta.customLayerData;
  if (!same(mineMeta, theirs.meta.customLayerData)) problems.push('customLayerData differs');
  const paths = new Set([...mine.byPath.keys(), ...theirs.byPath.keys()]);
  for (const path of paths) {
    const a = mine.byPath.get(path);
    const b = theirs.byPath.get(path);
    if (!a || !b) {
      problems.push(`${path}: only in ${a ? 'dazport' : 'TinyUSDZ'}'s layer`);
      continue;
    }
    if (a.type !== b.type) problems.push(`${path}: type ${a.type} vs ${b.type}`);
    if (!same([...a.apiSchemas].sort(), [...b.apiSchemas].sort()))
      problems.push(`${path}: apiSchemas differ`);
    if (!same(a.meta.customData, b.meta.customData)) problems.push(`${path}: customData differs`);
    for (const p of a.props.values()) {
      const q = b.props.get(p.name);
      if (!q) {
        dropped.push(`${path}.${p.name}`);
        continue;
      }
      const where = `${path}.${p.name}`;
      if (p.kind !== q.kind || p.type !== q.type)
        problems.push(`${where}: ${p.type || p.kind} vs ${q.type || q.kind}`);
      if (!same(p.value, q.value))
        problems.push(`${where}: value differs (${show(p.value)} vs ${show(q.value)})`);
      if (!same(p.connect, q.connect)) problems.push(`${where}: connections differ`);
      if (!same(p.targets ?? [], q.targets ?? [])) problems.push(`${where}: targets differ`);
      if (!same(p.timeSamples, q.timeSamples)) problems.push(`${where}: time samples differ`);
      for (const m of ['interpolation', 'elementSize']) {
        if (!same(p.meta[m], q.meta[m]))
          problems.push(`${where}: ${m} ${show(p.meta[m])} vs ${show(q.meta[m])}`);
      }
    }
  }
  if (allPrims(mine).length === 0) problems.push('no prims');
  return { problems, dropped };
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-9 + 1e-6 * Math.max(Math.abs(a), Math.abs(b));
  }
  if (typeof a === 'number' && typeof b === 'boolean') return a === (b ? 1 : 0);
  if (typeof b === 'number' && typeof a === 'boolean') return b === (a ? 1 : 0);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

function show(v: UsdValue | unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
