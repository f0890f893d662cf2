/**
 * Packs each surface's UV islands into its own [0,1] square without overlap: islands keep their
 * size in cm relative to each other (one texel density per surface), are sorted tallest first and
 * laid out on shelves, trying a range of shelf widths and keeping the one that needs the smallest
 * square. Deterministic: same islands, same layout.
 */
import type { MeshAccumulator, UvIsland } from './mesh-accumulator.js';

/** Gap around every island, as a fraction of the surface's square root of area. */
const PADDING_FRACTION = 0.004;
const WIDTH_CANDIDATES = 48;

interface Placement {
  x: number;
  y: number;
}

/** Final UVs: each island-local uv moved into its island's place in its surface's square. */
export function packUvs(acc: MeshAccumulator): Float32Array {
  const islands = acc.islands;
  const offsetU = new Float64Array(islands.length);
  const offsetV = new Float64Array(islands.length);
  const scaleU = new Float64Array(islands.length);
  const scaleV = new Float64Array(islands.length);

  const bySurface = new Map<string, number[]>();
  islands.forEach((island, i) => {
    const list = bySurface.get(island.surface) ?? [];
    list.push(i);
    bySurface.set(island.surface, list);
  });
  for (const members of bySurface.values()) {
    const { placements, side, padding } = packSurface(members.map((i) => islands[i]));
    members.forEach((islandIndex, k) => {
      const island = islands[islandIndex];
      offsetU[islandIndex] = (placements[k].x + padding) / side;
      offsetV[islandIndex] = (placements[k].y + padding) / side;
      scaleU[islandIndex] = island.width / side;
      scaleV[islandIndex] = island.height / side;
    });
  }

  const n = acc.uvCount;
  const local = acc.uvs.data;
  const owner = acc.uvIslands.data;
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const k = owner[i];
    out[2 * i] = clampUnit(offsetU[k] + local[2 * i] * scaleU[k]);
    out[2 * i + 1] = clampUnit(offsetV[k] + local[2 * i + 1] * scaleV[k]);
  }
  return out;
}

/** Float32 rounding must not push a coordinate a hair outside [0,1]. */
function clampUnit(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function packSurface(islands: readonly UvIsland[]): {
  placements: Placement[];
  side: number;
  padding: number;
} {
  let area = 0;
  for (const island of islands) area += island.width * island.height;
  const padding = PADDING_FRACTION * Math.sqrt(area);
  const widths = islands.map((island) => island.width + 2 * padding);
  const heights = islands.map((island) => island.height + 2 * padding);
  const order = islands
    .map((_, i) => i)
    .sort((a, b) => heights[b] - heights[a] || widths[b] - widths[a] || a - b);

  let paddedArea = 0;
  let widest = 0;
  for (let i = 0; i < islands.length; i++) {
    paddedArea += widths[i] * heights[i];
    widest = Math.max(widest, widths[i]);
  }
  const lo = Math.max(widest, Math.sqrt(paddedArea));
  let best: { placements: Placement[]; side: number } | null = null;
  for (let c = 0; c < WIDTH_CANDIDATES; c++) {
    const shelfWidth = lo * 1.5 ** (c / (WIDTH_CANDIDATES - 1));
    const attempt = shelfPack(order, widths, heights, shelfWidth);
    if (!best || attempt.side < best.side) best = attempt;
  }
  // `best` is set: WIDTH_CANDIDATES > 0.
  return { placements: best!.placements, side: best!.side, padding };
}

function shelfPack(
  order: readonly number[],
  widths: readonly number[],
  heights: readonly number[],
  shelfWidth: number,
): { placements: Placement[]; side: number } {
  const placements: Placement[] = new Array(order.length);
  let x = 0;
  let y = 0;
  let shelfHeight = 0;
  let usedWidth = 0;
  for (const i of order) {
    if (x > 0 && x + widths[i] > shelfWidth) {
      y += shelfHeight;
      x = 0;
      shelfHeight = 0;
    }
    placements[i] = { x, y };
    x += widths[i];
    usedWidth = Math.max(usedWidth, x);
    shelfHeight = Math.max(shelfHeight, heights[i]);
  }
  return { placements, side: Math.max(usedWidth, y + shelfHeight) };
}
