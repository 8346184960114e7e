// Cache names for shell completion (`eredis __complete groups`): kept ten minutes in the resolution cache, never prompting.
import { awsSettings } from '../aws/aws-settings.js';
import { listCaches } from './lookup.js';
import { namesKey, ResolutionCache } from './resolution-cache.js';

export interface CacheNamesRequest {
  /** Settings.aws: merged from flags, environment and config file. */
  region?: string;
  profile?: string;
  cacheDir: string;
  env: Record<string, string | undefined>;
}

/** Replication group and serverless cache names; [] on any failure (completion must never print errors). */
export async function cacheNames(r: CacheNamesRequest): Promise<string[]> {
  const aws = awsSettings(r, r.env);
  const cache = new ResolutionCache(r.cacheDir);
  const key = namesKey({ profile: aws.profile, region: aws.region ?? '', endpointUrl: aws.endpointUrl });
  const hit = cache.getNames(key);
  if (hit) return hit;
  try {
    const names = (await listCaches({ region: r.region, profile: r.profile, env: r.env })).map((c) => c.name);
    cache.setNames(key, names);
    return names;
  } catch {
    return [];
  }
}
