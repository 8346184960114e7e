// Flags > environment > config file, end to end: the stand-in ElastiCache API sees who signed and for which region.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmdGroup, standInEnv, startElastiCacheApi, type ElastiCacheApiStandIn } from '../support/elasticache-api.js';
import { runEredis, tempHome } from '../support/run.js';

let api: ElastiCacheApiStandIn;
let home: { dir: string; remove(): Promise<void> };

beforeAll(async () => {
  home = await tempHome();
  api = await startElastiCacheApi({ groups: [cmdGroup({ id: 'ssltest' })] });
  // eredis's config file names a region and a profile for the group; the AWS files hold two profiles' keys.
  mkdirSync(join(home.dir, 'xdg', 'eredis'), { recursive: true });
  writeFileSync(join(home.dir, 'xdg', 'eredis', 'config'), '[ssltest]\nregion = eu-north-1\nprofile = from-config\n');
  writeFileSync(join(home.dir, 'aws-credentials'), [
    '[from-config]', 'aws_access_key_id = AKIDFROMCONFIG', 'aws_secret_access_key = s1',
    '[from-env]', 'aws_access_key_id = AKIDFROMENV', 'aws_secret_access_key = s2',
    '[from-flag]', 'aws_access_key_id = AKIDFROMFLAG', 'aws_secret_access_key = s3',
  ].join('\n'));
});

afterAll(async () => {
  await Promise.all([api?.close(), home?.remove()]);
});

/** `eredis describe -g ssltest ...flags` with the config file in place; returns [signing key, region] of the call. */
async function signedBy(flags: string[], env: Record<string, string | undefined>): Promise<[string?, string?]> {
  api.calls.length = 0;
  const base = standInEnv(api.url, home.dir, {
    XDG_CONFIG_HOME: join(home.dir, 'xdg'), AWS_SHARED_CREDENTIALS_FILE: join(home.dir, 'aws-credentials'),
    AWS_REGION: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, ...env,
  });
  const r = await runEredis(['describe', '-g', 'ssltest', ...flags], { env: Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as Record<string, string> });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return [api.calls[0]?.accessKeyId, api.calls[0]?.region];
}

describe('region and profile precedence (end to end)', () => {
  it('the config file applies when nothing else says', async () => {
    expect(await signedBy([], {})).toEqual(['AKIDFROMCONFIG', 'eu-north-1']);
  });

  it('AWS_REGION / AWS_DEFAULT_REGION / AWS_PROFILE beat the config file', async () => {
    expect(await signedBy([], { AWS_REGION: 'us-east-2' })).toEqual(['AKIDFROMCONFIG', 'us-east-2']);
    expect(await signedBy([], { AWS_DEFAULT_REGION: 'ca-central-1' })).toEqual(['AKIDFROMCONFIG', 'ca-central-1']);
    expect(await signedBy([], { AWS_PROFILE: 'from-env' })).toEqual(['AKIDFROMENV', 'eu-north-1']);
  });

  it('--region / --profile beat the environment', async () => {
    const env = { AWS_REGION: 'us-east-2', AWS_PROFILE: 'from-env' };
    expect(await signedBy(['--region', 'sa-east-1', '--profile', 'from-flag'], env)).toEqual(['AKIDFROMFLAG', 'sa-east-1']);
  });
});
