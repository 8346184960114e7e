// Profile, region and endpoint override for the ElastiCache API, worked out from flags + the env we are given (no SDK).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Record<string, string | undefined>;

export interface AwsSettings {
  /** --profile, else AWS_PROFILE; undefined means the default chain. */
  profile?: string;
  /** Known without the SDK; undefined means "ask the SDK" (EC2 instance metadata) or fail. */
  region?: string;
  /** AWS_ENDPOINT_URL_ELASTICACHE / AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS. */
  endpointUrl?: string;
  credentialsFile: string;
  configFile: string;
  /** AWS_EC2_METADATA_DISABLED is set (and not "false"): never try 169.254.169.254. */
  metadataDisabled: boolean;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v.toLowerCase() !== 'false';
}

function awsHome(env: Env): string {
  return nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE) ?? homedir();
}

/**
 * Reads one key of one profile from an AWS config-style INI file: `[default]`, `[profile NAME]` (or `[NAME]`).
 * Missing or unreadable file -> undefined; this is a hint, never an error.
 */
export function iniValue(file: string, profile: string, key: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let inSection = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (section) {
      const s = section[1].replace(/\s+/g, ' ');
      inSection = s === profile || s === `profile ${profile}`;
      continue;
    }
    // Indented lines are sub-settings (e.g. `s3 =\n  max_concurrent_requests = 10`); region is never one.
    if (!inSection || raw !== line) continue;
    const kv = /^([^=]+?)\s*=\s*(.*?)\s*$/.exec(line);
    if (kv && kv[1] === key) return nonEmpty(kv[2]);
  }
  return undefined;
}

/**
 * The settings for one run. `merged` is Settings.aws: region and profile already merged from the flags, AWS_REGION,
 * AWS_DEFAULT_REGION, AWS_PROFILE and eredis's config file; the profile's region in the AWS config file comes last.
 * `env` is the process environment main passes in (AWS files, endpoint URL, metadata switch).
 */
export function awsSettings(merged: { region?: string; profile?: string }, env: Env): AwsSettings {
  const home = awsHome(env);
  const profile = nonEmpty(merged.profile);
  const configFile = nonEmpty(env.AWS_CONFIG_FILE) ?? join(home, '.aws', 'config');
  const credentialsFile = nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE) ?? join(home, '.aws', 'credentials');
  const region = nonEmpty(merged.region) ?? iniValue(configFile, profile ?? 'default', 'region');
  const endpointUrl = truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)
    ? undefined
    : nonEmpty(env.AWS_ENDPOINT_URL_ELASTICACHE) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  return { profile, region, endpointUrl, credentialsFile, configFile, metadataDisabled: truthy(env.AWS_EC2_METADATA_DISABLED) };
}
