// The ElastiCache IAM token matches the reference's verified SigV4 vector, and the refresher's timing rules.
import { describe, expect, it } from 'vitest';
import { iamAuthToken, iamRefresher, IAM_REAUTH_AFTER_MS } from '../../src/auth/iam.js';

const KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const NOW = new Date('2026-01-02T03:04:05Z');
const BASE = { cacheName: 'ssltest', userId: 'iam-user-01', region: 'us-east-1', credentials: KEYS, now: NOW };

function params(token: string): URLSearchParams {
  const [host, query] = token.split('/?');
  expect(host).toBe('ssltest');
  return new URLSearchParams(query);
}

describe('iamAuthToken', () => {
  it('reproduces the verified vector for a replication group', async () => {
    const token = await iamAuthToken({ ...BASE, serverless: false });
    expect(token).toBe(
      'ssltest/?Action=connect&User=iam-user-01&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKIDEXAMPLE%2F20260102%2Fus-east-1%2Felasticache%2Faws4_request' +
        '&X-Amz-Date=20260102T030405Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host' +
        '&X-Amz-Signature=4acbef9fc026c12f34fd8f22194791c61e111dc08fca9f85669e61bcf183b0bf',
    );
  });

  it('reproduces the verified vector for a serverless cache', async () => {
    const p = params(await iamAuthToken({ ...BASE, serverless: true }));
    expect(p.get('ResourceType')).toBe('ServerlessCache');
    expect(p.get('X-Amz-Signature')).toBe('d9e10942bf025f092cb6f3f9780bc3d436f6d6f882819eb458ddef1debad69aa');
  });

  it('lowercases the cache name and accepts a credentials provider', async () => {
    const token = await iamAuthToken({ ...BASE, cacheName: 'SSLTest', serverless: false, credentials: async () => KEYS });
    expect(params(token).get('X-Amz-Signature')).toBe('4acbef9fc026c12f34fd8f22194791c61e111dc08fca9f85669e61bcf183b0bf');
  });

  it('carries a session token for temporary credentials, URL-encoded', async () => {
    const sessionToken = 'FwoGZXIvYXdzE+/abc=';
    const p = params(await iamAuthToken({ ...BASE, serverless: false, credentials: { ...KEYS, sessionToken } }));
    expect(p.get('X-Amz-Security-Token')).toBe(sessionToken);
    expect(p.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never contains the secret access key', async () => {
    const token = await iamAuthToken({ ...BASE, serverless: false });
    expect(token).not.toContain(KEYS.secretAccessKey);
    expect(token).not.toContain(encodeURIComponent(KEYS.secretAccessKey));
  });
});

describe('iamRefresher', () => {
  it('signs each token at the current clock and asks for re-AUTH after 11 h', async () => {
    let now = NOW.getTime();
    const r = iamRefresher({ ...BASE, serverless: false }, () => now);
    expect(r.user).toBe('iam-user-01');
    const first = await r.freshToken();
    expect(params(first).get('X-Amz-Date')).toBe('20260102T030405Z');
    const stamp = r.stamp();
    now += IAM_REAUTH_AFTER_MS - 1;
    expect(r.due(stamp)).toBe(false);
    now += 1;
    expect(r.due(stamp)).toBe(true);
    const second = await r.freshToken();
    expect(second).not.toBe(first);
    expect(params(second).get('X-Amz-Date')).toBe('20260102T140405Z');
    // Each connection has its own clock: one re-AUTHed now, another stamped earlier is still due.
    expect(r.due(r.stamp())).toBe(false);
    expect(r.due(stamp)).toBe(true);
  });
});
