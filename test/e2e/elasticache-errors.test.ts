// resolveCache failures (real SDK, stand-in API) become one clear line; region/profile/credentials come from req.env.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ElastiCacheError, resolveCache, type ResolveRequest } from '../../src/elasticache/lookup.js';
import { freePort } from '../support/free-port.js';
import {
  cmdGroup, serverlessCache, standInEnv, startElastiCacheApi, STAND_IN_SECRET, type ElastiCacheApiStandIn,
} from '../support/elasticache-api.js';

let api: ElastiCacheApiStandIn;
let home: string;
let dirs = 0;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'eredis-ec-errors-'));
  api = await startElastiCacheApi({
    groups: [cmdGroup({ id: 'ssltest' }), cmdGroup({ id: 'busy', status: 'modifying' })],
    serverless: [serverlessCache({ name: 'newborn', status: 'CREATING' })],
  });
});

afterAll(async () => {
  await api.close();
  rmSync(home, { recursive: true, force: true });
});

beforeEach(() => {
  api.calls.length = 0;
  for (const a of ['DescribeReplicationGroups', 'DescribeServerlessCaches']) api.setFault(a, undefined);
});

function request(name: string, env: Record<string, string | undefined> = {}, over: Partial<ResolveRequest> = {}): ResolveRequest {
  // The region as settings would merge it from standInEnv's AWS_REGION (see the e2e precedence test below).
  return { name, role: 'primary', region: 'us-east-1', env: standInEnv(api.url, home, env), cacheDir: join(home, `cache-${dirs++}`), ...over };
}

/** The rejection, checked to be an ElastiCacheError with a one-line, secret-free message. */
async function failure(req: ResolveRequest): Promise<string> {
  const err = await resolveCache(req).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ElastiCacheError);
  const message = (err as ElastiCacheError).message;
  expect(message).not.toMatch(/\n/);
  expect(message).not.toContain(STAND_IN_SECRET);
  return message;
}

const DENIED = 'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: elasticache:DescribeReplicationGroups '
  + 'on resource: arn:aws:elasticache:us-east-1:123456789012:replicationgroup:ssltest because no identity-based policy allows '
  + 'the elasticache:DescribeReplicationGroups action';

describe('API errors', () => {
  it('an unknown name: both APIs say not found', async () => {
    expect(await failure(request('nope'))).toBe("eredis: no replication group or serverless cache named 'nope' in us-east-1");
    expect(api.calls.map((c) => c.action)).toEqual(['DescribeReplicationGroups', 'DescribeServerlessCaches']);
  });

  it('access denied names the principal and the missing action, without retrying', async () => {
    api.setFault('DescribeReplicationGroups', { code: 'AccessDenied', status: 403, message: DENIED });
    expect(await failure(request('ssltest'))).toBe(
      'eredis: access denied: arn:aws:iam::123456789012:user/bob needs elasticache:DescribeReplicationGroups');
    expect(api.calls).toHaveLength(1);
  });

  it('access denied on the serverless fallback names DescribeServerlessCaches', async () => {
    api.setFault('DescribeServerlessCaches', { code: 'AccessDenied', status: 403, message: 'denied' });
    expect(await failure(request('nope'))).toBe('eredis: access denied: your AWS identity needs elasticache:DescribeServerlessCaches');
  });

  it('throttling is retried once (maxAttempts 2), then reported', async () => {
    api.setFault('DescribeReplicationGroups', { code: 'Throttling', status: 400, message: 'Rate exceeded' });
    expect(await failure(request('ssltest'))).toBe(
      'eredis: AWS throttled elasticache:DescribeReplicationGroups (Throttling): try again in a moment');
    expect(api.calls).toHaveLength(2);
  });

  it('rejected keys', async () => {
    api.setFault('DescribeReplicationGroups', { code: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' });
    expect(await failure(request('ssltest'))).toMatch(/^eredis: AWS rejected the credentials \(InvalidClientTokenId\)/);
  });

  it('a group or serverless cache that is not available says its status', async () => {
    expect(await failure(request('busy'))).toBe("eredis: replication group 'busy' is not available (status: modifying)");
    expect(await failure(request('newborn'))).toBe("eredis: serverless cache 'newborn' is not available (status: CREATING)");
  });

  it('an API nobody answers', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    expect(await failure(request('ssltest', { AWS_ENDPOINT_URL_ELASTICACHE: url }))).toBe(`eredis: cannot reach ${url}: ECONNREFUSED`);
  });

  it('an empty name is refused before any call (AWS would list every group)', async () => {
    expect(await failure(request(''))).toBe('eredis: -g needs a replication group or serverless cache name');
    expect(api.calls).toHaveLength(0);
  });
});

describe('region, profile and credentials come from req.env', () => {
  it('no region at all', async () => {
    expect(await failure(request('ssltest', { AWS_REGION: undefined }, { region: undefined }))).toBe('eredis: no AWS region: pass --region or set AWS_REGION');
    expect(api.calls).toHaveLength(0);
  });

  it('no credentials at all', async () => {
    const env = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };
    expect(await failure(request('ssltest', env))).toBe(
      'eredis: no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run aws sso login)');
    expect(api.calls).toHaveLength(0);
  });

  it('an unknown profile', async () => {
    expect(await failure(request('ssltest', {}, { profile: 'ghost' }))).toBe(
      "eredis: AWS profile 'ghost' not found in the AWS config or credentials file");
  });

  it('the merged region signs the request; AWS_ENDPOINT_URL is honoured', async () => {
    const env = { AWS_ENDPOINT_URL_ELASTICACHE: undefined, AWS_ENDPOINT_URL: api.url };
    const r = await resolveCache(request('ssltest', env, { region: 'ap-south-1' }));
    expect(r.region).toBe('ap-south-1');
    expect(api.calls.map((c) => c.region)).toEqual(['ap-south-1']);
  });

  it('a profile gives both the region and the keys, from the files named in env', async () => {
    const config = join(home, 'config');
    const credentials = join(home, 'credentials');
    writeFileSync(config, '[default]\nregion = us-west-2\n\n[profile dev]\nregion = ap-northeast-1\ns3 =\n  region = nope\n');
    writeFileSync(credentials, '[dev]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = fileSecret\n');
    const env = { AWS_REGION: undefined, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
    const viaProfile = await resolveCache(request('ssltest', env, { region: undefined, profile: 'dev' }));
    expect(viaProfile.region).toBe('ap-northeast-1');
    // A profile wins over static keys in env, as in the SDK.
    expect(api.calls.map((c) => [c.accessKeyId, c.region])).toEqual([['AKIDFROMFILE', 'ap-northeast-1']]);
  });
});
