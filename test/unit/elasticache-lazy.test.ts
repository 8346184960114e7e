// The AWS SDK is loaded only when an API call is really needed: never statically, never on a resolution-cache hit.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cjsNamespace } from '../../src/util/cjs-namespace.js';
import { resolveCache, type ResolvedCache } from '../../src/elasticache/lookup.js';
import { cacheKey, ResolutionCache } from '../../src/elasticache/resolution-cache.js';

const loaded: string[] = [];
vi.mock('@aws-sdk/client-elasticache', () => {
  loaded.push('@aws-sdk/client-elasticache');
  throw new Error('the SDK was imported');
});
vi.mock('@aws-sdk/credential-providers', () => {
  loaded.push('@aws-sdk/credential-providers');
  throw new Error('the credential providers were imported');
});

const dir = mkdtempSync(join(tmpdir(), 'eredis-ec-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lazy SDK', () => {
  it('no src file imports an AWS SDK package except as a type or through import()', () => {
    const root = join(import.meta.dirname, '../../src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      const statics = [...text.matchAll(/^\s*import\s+(?!type\b)[^;]*?from\s+['"](@aws-sdk\/[^'"]+|@smithy\/[^'"]+)['"]/gm)];
      expect(statics.map((m) => m[1]), f).toEqual([]);
    }
  });

  it('a cache hit answers without loading the SDK; a refresh needs it', async () => {
    const env = { HOME: dir, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 's', AWS_EC2_METADATA_DISABLED: 'true' };
    const cacheDir = join(dir, 'cache');
    const value: ResolvedCache = {
      kind: 'serverless', name: 'sless', region: 'us-east-1', host: 'sless-x.serverless.use1.cache.amazonaws.com', port: 6379,
      tls: true, cluster: true, authRequired: false, rbac: false,
    };
    new ResolutionCache(cacheDir).set(cacheKey({ region: 'us-east-1', name: 'sless', role: 'primary' }), value);
    expect(await resolveCache({ name: 'sless', role: 'primary', region: 'us-east-1', env, cacheDir })).toEqual(value);
    expect(loaded).toEqual([]);
    await expect(resolveCache({ name: 'sless', role: 'primary', region: 'us-east-1', env, cacheDir, refresh: true })).rejects.toThrow(/eredis: /);
    expect(loaded).toContain('@aws-sdk/client-elasticache');
  });

  it('takes named exports from a bundled CommonJS chunk (only `default`) as well as from Node', () => {
    const exportsObject = { ElastiCacheClient: class {} };
    expect(cjsNamespace<typeof exportsObject>({ default: exportsObject }, 'ElastiCacheClient')).toBe(exportsObject);
    const nodeStyle = { ...exportsObject, default: exportsObject };
    expect(cjsNamespace<typeof exportsObject>(nodeStyle, 'ElastiCacheClient')).toBe(nodeStyle);
  });
});
