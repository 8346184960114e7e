// mapAwsError: whatever the SDK, the credential chain or the network throws becomes one clear eredis line.
import { describe, expect, it } from 'vitest';
import { ElastiCacheError, mapAwsError } from '../../src/elasticache/errors.js';

const ctx = { action: 'DescribeReplicationGroups', region: 'us-east-1' };
const err = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, ...extra });
const line = (e: unknown, c: Parameters<typeof mapAwsError>[1] = ctx) => mapAwsError(e, c).message;

describe('mapAwsError', () => {
  it('credentials: none, an unknown profile, an expired SSO session', () => {
    expect(line(err('CredentialsProviderError', 'Could not load credentials from any providers'))).toBe(
      'eredis: no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run aws sso login)');
    expect(line(err('CredentialsProviderError', 'Could not resolve credentials using profile: [ops] in configuration/credentials file(s).'),
      { ...ctx, profile: 'ops' })).toBe("eredis: AWS profile 'ops' not found in the AWS config or credentials file");
    expect(line(err('CredentialsProviderError', 'The SSO session associated with this profile has expired.'), { ...ctx, profile: 'ops' }))
      .toBe('eredis: AWS SSO session expired or missing: run aws sso login --profile ops');
  });

  it('region missing or invalid', () => {
    expect(line(new Error('Region is missing'))).toBe('eredis: no AWS region: pass --region or set AWS_REGION');
    expect(line(new Error('Region not accepted: region="a b" is not a valid hostname component.'), { ...ctx, region: 'a b' }))
      .toBe("eredis: invalid AWS region 'a b'");
  });

  it('access denied, expired and rejected keys, throttling', () => {
    expect(line(err('AccessDeniedException', 'nope'), { ...ctx, action: 'DescribeCacheClusters' })).toBe(
      'eredis: access denied: your AWS identity needs elasticache:DescribeCacheClusters');
    expect(line(err('ExpiredToken', 'The security token included in the request is expired'))).toBe(
      'eredis: AWS credentials expired (ExpiredToken): refresh them, e.g. aws sso login');
    expect(line(err('SignatureDoesNotMatch', 'bad sig'))).toMatch(/^eredis: AWS rejected the credentials \(SignatureDoesNotMatch\)/);
    expect(line(err('RequestLimitExceeded', 'slow down'))).toBe(
      'eredis: AWS throttled elasticache:DescribeReplicationGroups (RequestLimitExceeded): try again in a moment');
  });

  it('network failures name where it tried', () => {
    expect(line(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }))).toBe(
      'eredis: cannot reach elasticache.us-east-1.amazonaws.com: ENOTFOUND');
    expect(line(err('TimeoutError', 'Connection timed out after 3000 ms'), { ...ctx, endpoint: 'http://10.0.0.1' })).toBe(
      'eredis: cannot reach http://10.0.0.1: TimeoutError');
  });

  it('anything else: the action, the HTTP status and the AWS message, on one line', () => {
    const e = err('InternalFailure', 'boom\n  at somewhere', { $metadata: { httpStatusCode: 500 } });
    expect(line(e)).toBe('eredis: elasticache:DescribeReplicationGroups failed (HTTP 500): InternalFailure: boom at somewhere');
    const mine = new ElastiCacheError('eredis: mine', 'api');
    expect(mapAwsError(mine, ctx)).toBe(mine);
  });
});
