import type { EngineOutputOptions } from './engine-options.js';

/** What every scene writer takes and reports, so the CLI treats glTF and USD alike. */
export interface ExportOptions extends EngineOutputOptions {
  /** Write the skeleton, the unposed mesh and skin weights (needs a scene read with `rigged`). */
  rigged?: boolean;
  /** Write morphs (blend shapes / morph targets) too (needs `rigged` data). */
  morphs?: boolean;
  /**
   * Folder for the texture files of a .gltf or .usda, relative to the output's folder (default
   * `<output stem>_textures`; `.` for beside the output). A .glb embeds its textures.
   */
  textureFolder?: string;
  /** Told as writing progresses (`done` of `total` work units, e.g. vertices). */
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

export interface ExportSummary {
  /** Path written. */
  file: string;
  format: 'glb' | 'gltf' | 'usda';
  /** Bytes written in all, side files (textures, .bin) included. */
  bytes: number;
  nodes: number;
  meshes: number;
  vertices: number;
  triangles: number;
  materials: number;
  textures: number;
  cameras: number;
  lights: number;
  joints: number;
  animations: number;
  /** Files the main output references: a .gltf's .bin beside it, textures in its texture folder. */
  sideFiles: string[];
  /** Every loss the writer could not avoid (missing texture, dropped channel ...). */
  warnings: string[];
  /** The engine options that changed this output (engine-options.ts), when any did. */
  engine?: EngineOutputOptions;
}
