/**
 * The plugin's request guards, each a small stateful object: concurrency slots, the IP allow-list
 * and the per-IP sliding-window rate limiter. The server runs them in the plugin's order.
 */

/** Counting semaphore without waiting: a request either gets a slot or is refused (429). */
export class ConcurrencySlots {
  #active = 0;
  constructor(readonly max: number) {}

  get active(): number {
    return this.#active;
  }

  tryAcquire(): boolean {
    if (this.#active >= this.max) return false;
    this.#active++;
    return true;
  }

  release(): void {
    if (this.#active > 0) this.#active--;
  }
}

/** Exact string match on the peer address; enabled with an empty list refuses everyone. */
export class IpAllowList {
  readonly #ips: Set<string>;
  constructor(
    readonly enabled: boolean,
    ips: string[],
  ) {
    this.#ips = new Set(ips.map((ip) => ip.trim()).filter(Boolean));
  }

  allows(ip: string): boolean {
    return !this.enabled || this.#ips.has(ip) || this.#ips.has(stripIpv4Mapped(ip));
  }
}

/** Node reports IPv4 peers on a dual-stack socket as `::ffff:a.b.c.d`; the plugin sees `a.b.c.d`. */
export function stripIpv4Mapped(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/**
 * Sliding window per IP: a request is allowed when fewer than `maxRequests` were allowed in the
 * last `windowMs`. Refused requests are not recorded, so a client that backs off gets through as
 * soon as the window slides.
 */
export class SlidingWindowRateLimiter {
  readonly #hits = new Map<string, number[]>();
  constructor(
    readonly enabled: boolean,
    readonly maxRequests: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(ip: string): boolean {
    if (!this.enabled) return true;
    const t = this.now();
    const since = t - this.windowMs;
    const hits = (this.#hits.get(ip) ?? []).filter((h) => h > since);
    if (hits.length >= this.maxRequests) {
      this.#hits.set(ip, hits);
      return false;
    }
    hits.push(t);
    this.#hits.set(ip, hits);
    return true;
  }

  /** Seconds until the oldest hit of `ip` leaves the window (for Retry-After). */
  retryAfterSeconds(ip: string): number {
    const hits = this.#hits.get(ip);
    if (!hits || hits.length === 0) return 1;
    return Math.max(1, Math.ceil((hits[0] + this.windowMs - this.now()) / 1000));
  }
}
