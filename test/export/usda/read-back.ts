/**
 * Reads an exported .usda three ways for the tests: dazport's own reader (usda-parse.ts) with
 * the structural checks (usda-check.ts), TinyUSDZ's render scene, and TinyUSDZ's layer print
 * compared with dazport's (compare-layers.ts).
 */
import { readFileSync } from 'node:fs';
import { compareLayers } from './compare-layers.js';
import { readWithTinyUsdz, type TinyLoader } from './tinyusdz.js';
import { checkLayer } from './usda-check.js';
import { parseUsda, type UsdLayer } from './usda-parse.js';

export interface ReadBack {
  text: string;
  layer: UsdLayer;
  /** Structural problems (usda-check.ts). */
  problems: string[];
  tiny: TinyLoader;
  /** TinyUSDZ's understanding of the layer, parsed. */
  tinyLayer: UsdLayer;
  /** Differences between the two layers, and properties TinyUSDZ did not print. */
  differences: string[];
  dropped: string[];
}

export async function readBack(file: string): Promise<ReadBack> {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  const layer = parseUsda(text);
  const { render, layerText } = await readWithTinyUsdz(bytes, file);
  const tinyLayer = parseUsda(layerText);
  const diff = compareLayers(layer, tinyLayer);
  return {
    text,
    layer,
    problems: checkLayer(layer),
    tiny: render,
    tinyLayer,
    differences: diff.problems,
    dropped: diff.dropped,
  };
}

/**
 * Properties TinyUSDZ (0.9) is known not to print back: value-less output declarations
 * (`token outputs:surface`, `float3 outputs:rgb` ...). Anything else dropped is a finding.
 */
export function unexpectedDrops(r: ReadBack): string[] {
  return r.dropped.filter((d) => {
    const [path, prop] = [d.slice(0, d.lastIndexOf('.')), d.slice(d.lastIndexOf('.') + 1)];
    const p = r.layer.byPath.get(path)?.props.get(prop);
    return !(p && prop.startsWith('outputs:') && p.value === undefined && !p.connect);
  });
}
