// Cache names for shell completion (`eredis __complete groups`): served from a 10-minute cache, never prompting.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TTL_MS = 10 * 60 * 1000;

export interface GroupNamesRequest {
  region?: string;
  profile?: string;
  cacheDir: string;
  env: Record<string, string | undefined>;
}

function cacheFile(r: GroupNamesRequest): string {
  const who = `${r.profile ?? r.env.AWS_PROFILE ?? 'default'}@${r.region ?? r.env.AWS_REGION ?? r.env.AWS_DEFAULT_REGION ?? 'default'}`;
  return join(r.cacheDir, `completion-names-${who.replace(/[^\w@.-]/g, '_')}.json`);
}

/** Replication group and serverless cache names; [] on any failure (completion must never print errors). */
export async function groupNames(r: GroupNamesRequest): Promise<string[]> {
  const file = cacheFile(r);
  try {
    if (Date.now() - statSync(file).mtimeMs < TTL_MS) return JSON.parse(readFileSync(file, 'utf8')) as string[];
  } catch {
    // No fresh cache: ask the API.
  }
  try {
    const { listCaches } = await import('./lookup.js');
    const names = (await listCaches({ region: r.region, profile: r.profile, env: r.env })).map((c) => c.name);
    mkdirSync(r.cacheDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(names), { mode: 0o600 });
    return names;
  } catch {
    return [];
  }
}
