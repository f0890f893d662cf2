import { DzBase } from './dz-base.js';
import { DzSimulationMgr } from './dz-simulation-mgr.js';
import type { DzRenderMgr } from './render/dz-render-mgr.js';

/**
 * The `App` global (DzApp). Only what scripts for scene export and posing use: the version,
 * log/debug/warning messages, which the DS4 plugin captures into `output` like print(), the
 * render manager and the simulation manager.
 */
export class DzApp extends DzBase {
  protected readonly classChain = ['DzApp', 'DzBase', 'QObject'] as const;
  readonly #print: (message: string) => void;
  readonly #renderMgr: () => DzRenderMgr;
  readonly #simulationMgr = new DzSimulationMgr();

  constructor(print: (message: string) => void, renderMgr: () => DzRenderMgr) {
    super('App');
    this.#print = print;
    this.#renderMgr = renderMgr;
  }

  getRenderMgr(): DzRenderMgr {
    return this.#renderMgr();
  }

  /** The simulation manager (dForce); see DzSimulationMgr for what the emulator has there. */
  getSimulationMgr(): DzSimulationMgr {
    return this.#simulationMgr;
  }

  get versionString(): string {
    return '4.22.0.16';
  }

  getVersionString(): string {
    return this.versionString;
  }

  log(message: unknown): void {
    this.#print(String(message));
  }

  debug(message: unknown): void {
    this.#print(String(message));
  }

  warning(message: unknown): void {
    this.#print(`WARNING: ${String(message)}`);
  }

  statusLine(message: unknown): void {
    this.#print(String(message));
  }
}
