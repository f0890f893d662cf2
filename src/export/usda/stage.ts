/**
 * Stage (layer) metadata: `defaultPrim`, `upAxis = "Y"`, `metersPerUnit = 0.01` (DAZ's
 * centimetres are kept, so no value is ever scaled), the time range when something is animated,
 * and a `doc` naming the source. The source description never carries secrets: a Scene holds no
 * token, and {@link safeDescription} also strips URL credentials, query strings and anything
 * shaped like a token, in case a future source puts one there.
 */
import type { SceneSource } from '../../scene/scene.js';
import { formatDouble, quoteString } from './usda-format.js';

/** DAZ works in centimetres: one stage unit is 0.01 m. */
export const METERS_PER_UNIT = 0.01;
export const UP_AXIS = 'Y';

export interface StageTiming {
  /** Time codes per second (= frames per second: one time code per frame). */
  timeCodesPerSecond: number;
  startTimeCode: number;
  endTimeCode: number;
}

export interface StageInfo {
  defaultPrim: string;
  source: SceneSource;
  timing?: StageTiming;
  /** `Z` for a Z-up stage (up-axis.ts turns the root prim); default `Y`. */
  upAxis?: 'Y' | 'Z';
  /** Extra `customLayerData` entries, already spelled (`double dazTimeSec = 0`). */
  layerData?: string[];
}

/** The description without URL credentials, queries or token-like strings. */
export function safeDescription(description: string): string {
  return description
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1')
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#]*)[?#]\S*/gi, '$1')
    .replace(/\b(token|password|secret|key|auth[a-z]*)\s*[=:]\s*\S+/gi, '$1=[removed]')
    .replace(/\b[0-9a-f]{24,}\b/gi, '[removed]');
}

/** The lines of the layer metadata block. */
export function stageMetadata(info: StageInfo): string[] {
  const what = safeDescription(info.source.description);
  const scene = info.source.sceneName ? ` (scene ${safeDescription(info.source.sceneName)})` : '';
  const lines = [
    `defaultPrim = ${quoteString(info.defaultPrim)}`,
    `doc = ${quoteString(`Exported by dazport from ${what}${scene}`)}`,
    `metersPerUnit = ${formatDouble(METERS_PER_UNIT)}`,
    `upAxis = ${quoteString(info.upAxis ?? UP_AXIS)}`,
  ];
  if (info.timing) {
    const t = info.timing;
    lines.push(
      `timeCodesPerSecond = ${formatDouble(t.timeCodesPerSecond)}`,
      `framesPerSecond = ${formatDouble(t.timeCodesPerSecond)}`,
      `startTimeCode = ${formatDouble(t.startTimeCode)}`,
      `endTimeCode = ${formatDouble(t.endTimeCode)}`,
    );
  }
  const data = [`string generator = "dazport"`, ...(info.layerData ?? [])];
  lines.push(`customLayerData = {\n${data.map((d) => `    ${d}`).join('\n')}\n}`);
  return lines;
}
