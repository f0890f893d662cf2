/** Where a DazScript Server listens by default (the plugin's defaults). */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 18811;

export function baseUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
