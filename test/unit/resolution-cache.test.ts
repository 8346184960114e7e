// The resolution cache: keys, the one-hour TTL, file and directory modes, corrupt files, and nothing secret stored.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResolvedCache } from '../../src/elasticache/lookup.js';
import {
  CACHE_TTL_MS, cacheKey, ResolutionCache, type CacheKeyParts,
} from '../../src/elasticache/resolution-cache.js';

const value: ResolvedCache = {
  kind: 'replication-group', name: 'ssltest', region: 'us-east-1', host: 'master.ssltest.abc123.use1.cache.amazonaws.com',
  port: 6379, tls: true, cluster: false, authRequired: true, rbac: false, engine: 'valkey',
  members: [{ id: 'ssltest-001', role: 'primary', host: 'ssltest-001.ssltest.abc123.use1.cache.amazonaws.com', port: 6379, az: 'us-east-1a' }],
};
const parts: CacheKeyParts = { profile: 'dev', region: 'us-east-1', name: 'ssltest', role: 'primary' };

let base: string;
let clock: number;
const cacheIn = (dir: string) => new ResolutionCache(dir, () => clock);

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'eredis-rcache-'));
  clock = 1_700_000_000_000;
});

afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('cacheKey', () => {
  it('separates profile, region, endpoint URL, name and role', () => {
    const k = cacheKey(parts);
    const variants: CacheKeyParts[] = [
      { ...parts, profile: undefined }, { ...parts, region: 'eu-west-1' }, { ...parts, endpointUrl: 'http://127.0.0.1:1' },
      { ...parts, name: 'other' }, { ...parts, role: 'replica' }, { ...parts, role: { node: 'ssltest-002' } },
    ];
    for (const v of variants) expect(cacheKey(v)).not.toBe(k);
    expect(new Set(variants.map(cacheKey)).size).toBe(variants.length);
  });

  it('ignores the case of the name and node id (ElastiCache does)', () => {
    expect(cacheKey({ ...parts, name: 'SslTest' })).toBe(cacheKey(parts));
    expect(cacheKey({ ...parts, role: { node: 'SSLTEST-002' } })).toBe(cacheKey({ ...parts, role: { node: 'ssltest-002' } }));
  });
});

describe('ResolutionCache', () => {
  it('returns what was stored until the hour is over', () => {
    const c = cacheIn(join(base, 'eredis'));
    const key = cacheKey(parts);
    expect(c.get(key)).toBeUndefined();
    c.set(key, value);
    expect(c.get(key)).toEqual(value);
    clock += CACHE_TTL_MS - 1;
    expect(c.get(key)).toEqual(value);
    clock += 1;
    expect(c.get(key)).toBeUndefined();
  });

  it('an entry from the future (clock moved back) is not trusted', () => {
    const c = cacheIn(join(base, 'eredis'));
    c.set(cacheKey(parts), value);
    clock -= 60_000;
    expect(c.get(cacheKey(parts))).toBeUndefined();
  });

  it('set overwrites (what refresh relies on) and keeps other entries', () => {
    const c = cacheIn(join(base, 'eredis'));
    c.set(cacheKey(parts), value);
    c.set(cacheKey({ ...parts, role: 'replica' }), { ...value, host: 'replica.x' });
    c.set(cacheKey(parts), { ...value, host: 'new-primary.x' });
    expect(c.get(cacheKey(parts))?.host).toBe('new-primary.x');
    expect(c.get(cacheKey({ ...parts, role: 'replica' }))?.host).toBe('replica.x');
  });

  it('prunes expired entries when writing', () => {
    const c = cacheIn(join(base, 'eredis'));
    c.set(cacheKey({ ...parts, name: 'old' }), value);
    clock += CACHE_TTL_MS;
    c.set(cacheKey(parts), value);
    expect(Object.keys(JSON.parse(readFileSync(c.file, 'utf8')).entries)).toEqual([cacheKey(parts)]);
  });

  it('creates the directory 0700 and the file 0600, tightening an existing directory', () => {
    const dir = join(base, 'eredis');
    mkdirSync(dir, { mode: 0o755 });
    const c = cacheIn(dir);
    c.set(cacheKey(parts), value);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(c.file).mode & 0o777).toBe(0o600);
  });

  it('stores only the known fields: a stray secret never reaches the file', () => {
    const c = cacheIn(join(base, 'eredis'));
    const leaky = { ...value, password: 'hunter2-secret', members: [{ ...value.members![0], authToken: 'tok-secret' }] };
    c.set(cacheKey(parts), leaky as ResolvedCache);
    const text = readFileSync(c.file, 'utf8');
    expect(text).not.toContain('secret');
    expect(c.get(cacheKey(parts))).toEqual(value);
  });

  it('a corrupt, foreign or unwritable cache is a miss, never an error', () => {
    const dir = join(base, 'eredis');
    mkdirSync(dir);
    const c = cacheIn(dir);
    for (const junk of ['{not json', '[]', '{"version":2,"entries":{}}', `{"version":1,"entries":{"${'x'}":{"savedAt":"no"}}}`]) {
      writeFileSync(c.file, junk);
      expect(c.get(cacheKey(parts))).toBeUndefined();
    }
    c.set(cacheKey(parts), value);
    expect(c.get(cacheKey(parts))).toEqual(value);
    const blocked = cacheIn(join(c.file, 'sub'));
    expect(() => blocked.set(cacheKey(parts), value)).not.toThrow();
  });
});
