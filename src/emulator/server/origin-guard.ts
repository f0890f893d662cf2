/**
 * Keeps web pages out. The emulator runs scripts that reach the host process (vm is not a
 * sandbox), and a browser will send any page's requests to 127.0.0.1: a cross-origin `text/plain`
 * POST needs no CORS preflight, and with `--no-auth` it ran a script. Two checks, on every route,
 * before anything else, with or without auth:
 *
 * - `Origin`: browsers send it on cross-origin requests (and on every POST). Only the server's own
 *   origins pass: `http://127.0.0.1:PORT`, `http://localhost:PORT`, `http://[::1]:PORT`, or the
 *   address it was bound to. Requests without one (curl, dazpy, dazport's client) pass.
 * - `Host`: DNS rebinding points a page's own name at 127.0.0.1, so its requests are same-origin
 *   and carry no foreign `Origin`, but their `Host` is still that name. Only loopback names and
 *   addresses (`localhost`, 127.x.x.x, ::1), the address the server was bound to, and, when bound
 *   to every interface (0.0.0.0 or ::), any IP address pass: a name can be rebound, an address
 *   cannot.
 *
 * The DazScript Server plugin checks neither; clients that speak to it normally never notice.
 */
import { isIP } from 'node:net';
import { ServerRefusal } from './error-response.js';

export class OriginGuard {
  readonly #bindHost: string;
  readonly #port: () => number;

  /** `port` is read per request: a server started on port 0 learns its port when it binds. */
  constructor(bindHost: string, port: () => number) {
    this.#bindHost = normalizeHostname(bindHost);
    this.#port = port;
  }

  /** A refusal for a request a web page may have sent, or null. */
  check(headers: Record<string, string | string[] | undefined>): ServerRefusal | null {
    const host = single(headers.host);
    if (host !== undefined && !this.#hostAllowed(hostnameOf(host))) {
      return new ServerRefusal(
        'HOST_NOT_ALLOWED',
        `Host '${host}' is not a loopback name or the address this server is bound to`,
      );
    }
    const origin = single(headers.origin);
    if (origin !== undefined && !this.#isOwnOrigin(origin)) {
      return new ServerRefusal('ORIGIN_NOT_ALLOWED', `Origin '${origin}' is not this server`);
    }
    return null;
  }

  #isOwnOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // "null" (sandboxed frames, file: pages) and anything malformed
    }
    const port = url.port === '' ? 80 : Number(url.port);
    return url.protocol === 'http:' && port === this.#port() && this.#hostAllowed(url.hostname);
  }

  #hostAllowed(hostname: string | undefined): boolean {
    if (hostname === undefined) return false;
    if (isLoopback(hostname) || hostname === this.#bindHost) return true;
    return isWildcard(this.#bindHost) && isIP(unbracket(hostname)) !== 0;
  }
}

/** `localhost`, 127.0.0.0/8, ::1 and its IPv4-mapped forms. */
function isLoopback(hostname: string): boolean {
  const bare = unbracket(hostname);
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(bare);
  return false;
}

function isWildcard(hostname: string): boolean {
  return hostname === '0.0.0.0' || unbracket(hostname) === '::';
}

/** The hostname of a Host header (`name:port`, `[v6]:port`), as the URL parser normalises it. */
function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** The bind address in the form {@link hostnameOf} gives (IPv6 bracketed, lower case). */
function normalizeHostname(host: string): string {
  return hostnameOf(isIP(host) === 6 ? `[${host}]` : host) ?? host.toLowerCase();
}

function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
