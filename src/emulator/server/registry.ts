/**
 * The script registry: named scripts uploaded once and run by name. It lives in memory, like the
 * plugin's: it survives stop/start of the server object but not a restart of the emulator process
 * (DAZ Studio), so clients must re-register on 404.
 */
import { localIsoSeconds } from './time-format.js';

export interface RegisteredScript {
  name: string;
  description: string;
  script: string;
  registeredAtMs: number;
}

export const SCRIPT_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export class ScriptRegistry {
  readonly #scripts = new Map<string, RegisteredScript>();

  /** Store or overwrite; returns whether it replaced an existing script. */
  register(name: string, script: string, description: string, now = Date.now()): { updated: boolean } {
    const updated = this.#scripts.has(name);
    this.#scripts.set(name, { name, description, script, registeredAtMs: now });
    return { updated };
  }

  get(name: string): RegisteredScript | undefined {
    return this.#scripts.get(name);
  }

  delete(name: string): boolean {
    return this.#scripts.delete(name);
  }

  /** The `GET /scripts` body: sorted by name, key `name` (the plugin's README says `id`; the code says `name`). */
  listJson(): string {
    const scripts = [...this.#scripts.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((s) => ({
        name: s.name,
        description: s.description,
        registered_at: localIsoSeconds(s.registeredAtMs),
      }));
    return JSON.stringify({ scripts, count: scripts.length });
  }
}
