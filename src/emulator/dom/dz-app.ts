import { DzBase } from './dz-base.js';

/**
 * The `App` global (DzApp). Only what scripts for scene export and posing use: the version,
 * and log/debug/warning messages, which the DS4 plugin captures into `output` like print().
 */
export class DzApp extends DzBase {
  protected readonly classChain = ['DzApp', 'DzBase', 'QObject'] as const;
  readonly #print: (message: string) => void;

  constructor(print: (message: string) => void) {
    super('App');
    this.#print = print;
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
