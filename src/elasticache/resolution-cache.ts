// Remembers name -> endpoint resolutions for an hour in $XDG_CACHE_HOME/eredis (dir 0700, file 0600, never secrets).
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { CacheMember, CacheRole, ResolvedCache } from './model.js';

export const CACHE_TTL_MS = 60 * 60 * 1000;
export const CACHE_FILE = 'elasticache.json';

/** `$XDG_CACHE_HOME/eredis`, else `~/.cache/eredis` (a relative XDG_CACHE_HOME is ignored, as the spec says). */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(base, 'eredis');
}

export interface CacheKeyParts {
  profile?: string;
  region: string;
  endpointUrl?: string;
  name: string;
  role: CacheRole;
}

export function cacheKey(k: CacheKeyParts): string {
  const role = typeof k.role === 'object' ? `node:${k.role.node.toLowerCase()}` : k.role;
  // Group ids are case-insensitive and serverless names lower-case, so `-g SslTest` and `-g ssltest` share a slot.
  return JSON.stringify([k.profile ?? '', k.region, k.endpointUrl ?? '', k.name.toLowerCase(), role]);
}

interface Entry {
  savedAt: number;
  value: ResolvedCache;
}

interface CacheFile {
  version: 1;
  entries: Record<string, Entry>;
}

/** Copies only the known, non-secret fields, so nothing else can ever reach the file. */
function sanitize(v: ResolvedCache): ResolvedCache {
  const members = v.members?.map((m): CacheMember => ({
    id: String(m.id), host: String(m.host), port: Number(m.port),
    ...(m.role !== undefined ? { role: String(m.role) } : {}), ...(m.az !== undefined ? { az: String(m.az) } : {}),
  }));
  return {
    kind: v.kind === 'serverless' ? 'serverless' : 'replication-group',
    name: String(v.name), region: String(v.region), host: String(v.host), port: Number(v.port),
    tls: v.tls === true, cluster: v.cluster === true, authRequired: v.authRequired === true, rbac: v.rbac === true,
    ...(v.engine !== undefined ? { engine: String(v.engine) } : {}),
    ...(members ? { members } : {}),
  };
}

function looksValid(e: unknown): e is Entry {
  const x = e as Entry | undefined;
  return typeof x?.savedAt === 'number' && typeof x.value?.host === 'string' && typeof x.value.port === 'number';
}

export class ResolutionCache {
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = CACHE_TTL_MS,
  ) {
    this.file = join(dir, CACHE_FILE);
  }

  private load(): CacheFile {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<CacheFile>;
      if (parsed?.version === 1 && parsed.entries && typeof parsed.entries === 'object') return parsed as CacheFile;
    } catch {
      // Missing, unreadable or corrupt: a cache miss, never an error.
    }
    return { version: 1, entries: {} };
  }

  private fresh(e: Entry): boolean {
    const age = this.now() - e.savedAt;
    return age >= 0 && age < this.ttlMs;
  }

  get(key: string): ResolvedCache | undefined {
    const e = this.load().entries[key];
    return looksValid(e) && this.fresh(e) ? sanitize(e.value) : undefined;
  }

  /** Best effort: a read-only or full disk only costs the next run an API call. */
  set(key: string, value: ResolvedCache): void {
    const data = this.load();
    for (const [k, e] of Object.entries(data.entries)) if (!looksValid(e) || !this.fresh(e)) delete data.entries[k];
    data.entries[key] = { savedAt: this.now(), value: sanitize(value) };
    const tmp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      chmodSync(this.dir, 0o700);
      writeFileSync(tmp, `${JSON.stringify(data, null, 1)}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(tmp, 0o600);
      // rename is atomic: two eredis processes never leave a half-written file behind.
      renameSync(tmp, this.file);
    } catch {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // The directory itself is unusable: nothing was written, nothing to clean.
      }
    }
  }
}
