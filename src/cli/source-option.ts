/**
 * `--source <app>[:host:port]`: which application a command reads from. `daz` (the default) is
 * DAZ Studio's DazScript Server; `dust3d` is Dust3D's Remote IO; `poser` is Poser running the
 * PoserTalkr script. Neither of the last two has any authentication, so the address defaults to
 * loopback and each application's own port; another host is taken only when it is written out.
 *
 * Forms: `dust3d`, `dust3d:53310` (port), `dust3d:192.168.1.5` (host), `dust3d:192.168.1.5:53310`,
 * `poser:[::1]:55555` (an IPv6 host in brackets).
 */
import { InvalidArgumentError } from 'commander';

export const SOURCE_KINDS = ['daz', 'dust3d', 'poser'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Each application's own port: DazScript Server, Dust3D Remote IO, the PoserTalkr seed. */
export const SOURCE_DEFAULT_PORTS: Record<SourceKind, number> = { daz: 18811, dust3d: 53309, poser: 55555 };

export const SOURCE_NAMES: Record<SourceKind, string> = {
  daz: 'DAZ Studio (DazScript Server)',
  dust3d: 'Dust3D (Remote IO)',
  poser: 'Poser (PoserTalkr)',
};

export interface SourceSpec {
  kind: SourceKind;
  /** Written in the spec; else the command's default (loopback). */
  host?: string;
  /** Written in the spec; else the application's own port. */
  port?: number;
}

const FORMS = 'dust3d, dust3d:<port>, dust3d:<host>:<port>';

/** commander's argParser for `--source`. */
export function parseSourceSpec(value: string): SourceSpec {
  const colon = value.indexOf(':');
  const kindText = (colon < 0 ? value : value.slice(0, colon)).trim().toLowerCase();
  const kind = SOURCE_KINDS.find((k) => k === kindText);
  if (!kind)
    throw new InvalidArgumentError(
      `"${kindText}" is not a source: choose ${SOURCE_KINDS.join(', ')}, optionally with :host:port (${FORMS})`,
    );
  if (colon < 0) return { kind };
  return { kind, ...parseAddress(value.slice(colon + 1), value) };
}

function parseAddress(text: string, whole: string): { host?: string; port?: number } {
  const bad = (why: string) =>
    new InvalidArgumentError(`"${whole}": ${why} (forms: ${FORMS}; an IPv6 host in brackets)`);
  if (text === '') throw bad('nothing after the colon');
  let host: string | undefined;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end < 0) throw bad('an IPv6 host needs its closing bracket');
    host = text.slice(1, end);
    const rest = text.slice(end + 1);
    if (rest !== '' && !rest.startsWith(':')) throw bad(`unexpected "${rest}" after the host`);
    portText = rest === '' ? undefined : rest.slice(1);
  } else {
    const last = text.lastIndexOf(':');
    if (last < 0) {
      if (/^\d+$/.test(text)) portText = text;
      else host = text;
    } else {
      host = text.slice(0, last);
      portText = text.slice(last + 1);
      if (host.includes(':')) throw bad('write an IPv6 host in brackets');
    }
  }
  if (host !== undefined && !/^[A-Za-z0-9.:%_-]+$/.test(host))
    throw bad(`"${host}" is not a host name or address`);
  if (portText === undefined) return { host };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw bad(`"${portText}" is not a port (1-65535)`);
  return host === undefined ? { port } : { host, port };
}

/** `dust3d at 127.0.0.1:53309`, for messages. */
export function describeSourceAddress(kind: SourceKind, host: string, port: number): string {
  return `${SOURCE_NAMES[kind]} at ${host.includes(':') ? `[${host}]` : host}:${port}`;
}
