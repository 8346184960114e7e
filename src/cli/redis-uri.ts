// redis://, rediss://, valkey:// and valkeys:// URIs parsed the way redis-cli's parseRedisUri (cli_common.c) does.
import { atoi } from '../util/c-numbers.js';

export interface RedisUri {
  tls: boolean;
  host?: string;
  port?: number;
  db?: number;
  user?: string;
  password?: string;
}

export class UriError extends Error {}

function percentDecode(s: string): string {
  const bytes: number[] = [];
  const raw = Buffer.from(s, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x25) { bytes.push(raw[i]); continue; }
    if (raw.length - i < 3) throw new UriError('Incomplete URI encoding');
    const hex = raw.subarray(i + 1, i + 3).toString('latin1');
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new UriError('Illegal character in URI encoding');
    bytes.push(Number.parseInt(hex, 16));
    i += 2;
  }
  return Buffer.from(bytes).toString('utf8');
}

const SCHEMES = [
  { prefix: 'rediss://', tls: true }, { prefix: 'redis://', tls: false },
  { prefix: 'valkeys://', tls: true }, { prefix: 'valkey://', tls: false },
];

/** Parses `[[user ":"] password "@"] [host [":" port]] ["/" db]` after the scheme. */
export function parseRedisUri(uri: string): RedisUri {
  const lower = uri.toLowerCase();
  const result: RedisUri = { tls: false };
  // valkey-cli 8 takes valkey:// and valkeys:// with the same meaning; ElastiCache's default engine is Valkey.
  const scheme = SCHEMES.find((s) => lower.startsWith(s.prefix));
  if (!scheme) throw new UriError('Invalid URI scheme');
  result.tls = scheme.tls;
  let rest = uri.slice(scheme.prefix.length);
  if (rest === '') return result;

  const at = rest.indexOf('@');
  if (at >= 0) {
    const colon = rest.indexOf(':');
    let userinfo = rest.slice(0, at);
    if (colon >= 0 && colon < at) {
      result.user = percentDecode(rest.slice(0, colon));
      userinfo = rest.slice(colon + 1, at);
    }
    result.password = percentDecode(userinfo);
    rest = rest.slice(at + 1);
  }
  if (rest === '') return result;

  const slash = rest.indexOf('/');
  if (!rest.startsWith('/')) {
    let hostPart = slash >= 0 ? rest.slice(0, slash) : rest;
    if (hostPart.startsWith('[')) {
      const close = rest.indexOf(']');
      if (close >= 0) {
        if (rest[close + 1] === ':') result.port = atoi(rest.slice(close + 2));
        hostPart = rest.slice(1, close);
      } else hostPart = hostPart.slice(1);
    } else {
      const colon = rest.indexOf(':');
      if (colon >= 0) {
        result.port = atoi(rest.slice(colon + 1));
        hostPart = rest.slice(0, colon);
      }
    }
    result.host = hostPart;
  }
  const afterPath = slash >= 0 ? rest.slice(slash + 1) : '';
  if (afterPath === '') return result;
  result.db = atoi(afterPath);
  return result;
}
