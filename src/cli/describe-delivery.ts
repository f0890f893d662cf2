/** How the CLI names a delivered motion: one line a person reads. */
import type { Delivery } from '../jobs/deliver-motion.js';
import { formatBytes } from './human-units.js';

export function describeDelivery(d: Delivery): string {
  const size = d.bytes === undefined ? '' : `, ${formatBytes(d.bytes)}`;
  const how =
    d.format === 'live'
      ? `${d.requests} ${d.requests === 1 ? 'request' : 'requests'}, one undo step`
      : `${d.format}${size}`;
  const keys =
    d.format === 'glb' || d.format === 'gltf' || d.format === 'usda' ? 'samples per track' : 'keys kept';
  return `${d.target} (${how}): ${d.frames} frames, ${d.durationSec.toFixed(2)} s, ${d.bones} bones, ${d.keys.toLocaleString('en-US')} ${keys}`;
}
