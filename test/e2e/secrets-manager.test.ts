// fetchSecret against a loopback Secrets Manager stand-in through the real AWS SDK: values, regions, and error lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSecret, SecretsManagerError } from '../../src/auth/secrets-manager.js';
import { resolveCredentials } from '../../src/auth/credentials.js';
import { startSecretsManagerApi, type SecretsManagerApi } from '../support/secrets-manager-api.js';
import { freePort } from '../support/free-port.js';

const TOKEN = 'Tok3n!&#$^<>-value-0123456789';
const RBAC = JSON.stringify({ username: 'app-user', password: 'rbac-Pa55word-xyz', user_arn: 'arn:aws:elasticache:us-east-1:123456789012:user:app-user' });

let api: SecretsManagerApi;
let env: Record<string, string>;

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'; // the SDK's multi-line Node 20 notice
  api = await startSecretsManagerApi({
    'prod/redis-token': TOKEN,
    'prod/redis-user': RBAC,
    'prod/no-password': JSON.stringify({ username: 'x', token: TOKEN }),
    'prod/binary': { binary: Buffer.from([1, 2, 3]) },
    'prod/denied': { error: 'AccessDeniedException', message: 'User is not authorized to perform secretsmanager:GetSecretValue' },
    'prod/kms': { error: 'DecryptionFailure', message: "Secrets Manager can't decrypt the protected secret text using the provided KMS key." },
  });
  env = {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: api.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});

afterAll(() => api.close());

/** What settings would merge from AWS_REGION here: the region comes in as a value, not read from env. */
const region = 'us-east-1';

async function failure(secretId: string, extra: Record<string, string> = {}, profile?: string): Promise<string> {
  const err = await fetchSecret({ secretId, region, profile, env: { ...env, ...extra } }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SecretsManagerError);
  const line = (err as Error).message;
  expect(line).not.toContain('\n');
  expect(line).not.toContain(TOKEN);
  expect(line).not.toContain('rbac-Pa55word');
  expect(line).not.toContain(env.AWS_SECRET_ACCESS_KEY);
  return line;
}

describe('fetchSecret (real SDK, loopback API)', () => {
  it('returns a plain SecretString as the password, signed with the given keys and region', async () => {
    expect(await fetchSecret({ secretId: 'prod/redis-token', region, env })).toEqual({ password: TOKEN });
    const seen = api.requests.at(-1)!;
    expect(seen).toMatchObject({
      target: 'secretsmanager.GetSecretValue',
      secretId: 'prod/redis-token',
      contentType: 'application/x-amz-json-1.1',
      accessKeyId: 'AKIDEXAMPLE',
      region: 'us-east-1',
      service: 'secretsmanager',
    });
  });

  it('takes password and username from a JSON secret', async () => {
    expect(await fetchSecret({ secretId: 'prod/redis-user', region, env })).toEqual({ password: 'rbac-Pa55word-xyz', username: 'app-user' });
  });

  it('signs for the region of a secret ARN (whatever region is set), else the given region', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/redis-token-AbCdEf';
    expect(await fetchSecret({ secretId: arn, region: 'ap-northeast-1', env })).toEqual({ password: TOKEN });
    expect(api.requests.at(-1)!.region).toBe('eu-west-1');
    await fetchSecret({ secretId: 'prod/redis-token', region: 'ap-northeast-1', env });
    expect(api.requests.at(-1)!.region).toBe('ap-northeast-1');
  });

  it.each([
    ['prod/missing', 'eredis: Secrets Manager: secret prod/missing not found in us-east-1'],
    ['prod/denied', 'eredis: Secrets Manager: access denied to secret prod/denied (needs secretsmanager:GetSecretValue)'],
    ['prod/kms', 'eredis: Secrets Manager: secret prod/kms could not be decrypted with its KMS key (needs kms:Decrypt)'],
    ['prod/binary', 'eredis: Secrets Manager: secret prod/binary holds binary data, not a string'],
    ['prod/no-password', 'eredis: Secrets Manager: secret prod/no-password is JSON without a "password" string'],
  ])('%s gives one clear line', async (id, line) => {
    expect(await failure(id)).toBe(line);
  });

  it('reports missing AWS credentials in one line', async () => {
    const noKeys = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };
    expect(await failure('prod/redis-token', noKeys))
      .toBe('eredis: Secrets Manager: no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)');
    expect(await failure('prod/redis-token', noKeys, 'nosuch'))
      .toBe('eredis: Secrets Manager: no usable AWS credentials for profile nosuch');
  });

  it('reports an unreachable endpoint in one line', async () => {
    const port = await freePort();
    expect(await failure('prod/redis-token', { AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${port}` }))
      .toBe('eredis: Secrets Manager: cannot reach the service in us-east-1: ECONNREFUSED');
  });
});

describe('resolveCredentials with --secret-id', () => {
  it('uses the secret after REDISCLI_AUTH and the keychain come up empty, keeping the secret username', async () => {
    const got = await resolveCredentials({
      target: 'ssltest',
      secretId: 'prod/redis-user',
      region,
      env,
      authRequired: true,
      isTTY: false,
      keychainGet: async () => undefined,
    });
    expect(got).toMatchObject({ source: 'secrets-manager', user: 'app-user', password: 'rbac-Pa55word-xyz' });
  });
});
