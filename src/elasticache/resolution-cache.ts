// Remembers name -> endpoint resolutions (an hour) and cache names (ten minutes) in $XDG_CACHE_HOME/eredis, never secrets.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheMember, CacheRole, ResolvedCache } from './model.js';

export const CACHE_TTL_MS = 60 * 60 * 1000;
/** Cache names for shell completion go stale sooner: a new cache should show up within minutes. */
const NAMES_TTL_MS = 10 * 60 * 1000;
const CACHE_FILE = 'elasticache.json';

export interface CacheKeyParts {
  profile?: string;
  region: string;
  endpointUrl?: string;
  name: string;
  role: CacheRole;
}

/** The key of the account's cache-name list (for shell completion) in one profile, region and endpoint. */
export function namesKey(k: Omit<CacheKeyParts, 'name' | 'role'>): string {
  return JSON.stringify(['names', k.profile ?? '', k.region, k.endpointUrl ?? '']);
}

export function cacheKey(k: CacheKeyParts): string {
  const role = typeof k.role === 'object' ? `node:${k.role.node.toLowerCase()}` : k.role;
  // Group ids are case-insensitive and serverless names lower-case, so `-g SslTest` and `-g ssltest` share a slot.
  return JSON.stringify([k.profile ?? '', k.region, k.endpointUrl ?? '', k.name.toLowerCase(), role]);
}

/** A resolution (`value`, one hour) or the account's cache names for shell completion (`names`, ten minutes). */
interface Entry {
  savedAt: number;
  value?: ResolvedCache;
  names?: string[];
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

function isResolution(e: Entry | undefined): e is Entry & { value: ResolvedCache } {
  return typeof e?.savedAt === 'number' && typeof e.value?.host === 'string' && typeof e.value.port === 'number';
}

function isNameList(e: Entry | undefined): e is Entry & { names: string[] } {
  return typeof e?.savedAt === 'number' && Array.isArray(e.names) && e.names.every((n) => typeof n === 'string');
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
    return age >= 0 && age < (e.names ? NAMES_TTL_MS : this.ttlMs);
  }

  get(key: string): ResolvedCache | undefined {
    const e = this.load().entries[key];
    return isResolution(e) && this.fresh(e) ? sanitize(e.value) : undefined;
  }

  set(key: string, value: ResolvedCache): void {
    this.save(key, { savedAt: this.now(), value: sanitize(value) });
  }

  /** The cache names saved under `key` (see namesKey) less than ten minutes ago. */
  getNames(key: string): string[] | undefined {
    const e = this.load().entries[key];
    return isNameList(e) && this.fresh(e) ? e.names.map(String) : undefined;
  }

  setNames(key: string, names: string[]): void {
    this.save(key, { savedAt: this.now(), names: names.map(String) });
  }

  /** Best effort: a read-only or full disk only costs the next run an API call. */
  private save(key: string, entry: Entry): void {
    const data = this.load();
    for (const [k, e] of Object.entries(data.entries)) {
      if (!(isResolution(e) || isNameList(e)) || !this.fresh(e)) delete data.entries[k];
    }
    data.entries[key] = entry;
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
