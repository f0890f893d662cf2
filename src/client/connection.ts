/** Where the server is and how to authenticate: options, then environment, then defaults. */
export interface ConnectionOptions {
  /** Default `127.0.0.1` (`DAZ_HOST`). */
  host?: string;
  /** Default 18811 (`DAZ_PORT`). */
  port?: number;
  /** The API token; `''` sends none. Discovery order lives in the token module (issue: client). */
  token?: string;
  /** Per-request timeout for headers and body, ms (default 30 s, like dazpy). */
  timeoutMs?: number;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 18811;

export function baseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
