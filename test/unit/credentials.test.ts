// The credential chain's order (flag, REDISCLI_AUTH, keychain, Secrets Manager, IAM, prompt) with injected sources.
import { describe, expect, it, vi } from 'vitest';
import { CredentialsError, resolveCredentials, type CredentialInput } from '../../src/auth/credentials.js';
import { KeychainUnavailable } from '../../src/auth/keychain.js';

const KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** Every source available; each test removes the ones before the source it checks. */
function everything(over: Partial<CredentialInput> = {}): CredentialInput {
  return {
    flagPassword: 'from-flag',
    target: 'ssltest',
    secretId: 'prod/redis',
    iam: { cacheName: 'ssltest', serverless: false, region: 'us-east-1' },
    user: 'iam-user-01',
    env: { REDISCLI_AUTH: 'from-env' },
    authRequired: true,
    isTTY: true,
    keychainGet: vi.fn(async () => 'from-keychain'),
    keychainSet: vi.fn(async () => undefined),
    fetchSecret: vi.fn(async () => ({ password: 'from-secret', username: 'secret-user' })),
    awsCredentials: vi.fn(async () => KEYS),
    prompt: vi.fn(async () => 'from-prompt'),
    confirm: vi.fn(async () => true),
    clock: () => Date.parse('2026-01-02T03:04:05Z'),
    ...over,
  };
}

describe('resolveCredentials', () => {
  it('1. a flag password wins and nothing else is consulted', async () => {
    const input = everything();
    expect(await resolveCredentials(input)).toMatchObject({ source: 'flag', password: 'from-flag', user: 'iam-user-01', notes: [] });
    expect(input.keychainGet).not.toHaveBeenCalled();
    expect(input.fetchSecret).not.toHaveBeenCalled();
  });

  it('2. REDISCLI_AUTH comes next, and says which explicit sources it shadowed', async () => {
    const input = everything({ flagPassword: undefined });
    const got = await resolveCredentials(input);
    expect(got).toMatchObject({ source: 'env', password: 'from-env' });
    expect(got.notes).toEqual(['eredis: using the password from REDISCLI_AUTH; --secret-id and --iam not used']);
    expect(input.keychainGet).not.toHaveBeenCalled();
  });

  it('3. then the keychain entry for the target and user', async () => {
    const input = everything({ flagPassword: undefined, env: {}, secretId: undefined, iam: undefined });
    expect(await resolveCredentials(input)).toMatchObject({ source: 'keychain', password: 'from-keychain', notes: [] });
    expect(input.keychainGet).toHaveBeenCalledWith('ssltest', 'iam-user-01');
  });

  it('4. then Secrets Manager; its username applies when no --user was given', async () => {
    const input = everything({ flagPassword: undefined, env: { AWS_REGION: 'eu-west-1' }, user: undefined, iam: undefined, keychainGet: async () => undefined });
    expect(await resolveCredentials(input)).toMatchObject({ source: 'secrets-manager', password: 'from-secret', user: 'secret-user' });
    expect(input.fetchSecret).toHaveBeenCalledWith({ secretId: 'prod/redis', region: undefined, profile: undefined, env: { AWS_REGION: 'eu-west-1' } });
    const withUser = everything({ flagPassword: undefined, env: {}, user: 'me', iam: undefined, keychainGet: async () => undefined });
    expect(await resolveCredentials(withUser)).toMatchObject({ source: 'secrets-manager', user: 'me' });
  });

  it('5. then an IAM token (the verified vector) with a refresher for re-AUTH', async () => {
    const got = await resolveCredentials(everything({ flagPassword: undefined, env: {}, secretId: undefined, keychainGet: async () => undefined }));
    expect(got.source).toBe('iam');
    expect(got.user).toBe('iam-user-01');
    expect(got.password).toMatch(/^ssltest\/\?Action=connect&User=iam-user-01&.*X-Amz-Signature=4acbef9fc026c12f34fd8f22194791c61e111dc08fca9f85669e61bcf183b0bf$/);
    expect(got.iam?.user).toBe('iam-user-01');
    expect(await got.iam!.freshToken()).toBe(got.password);
  });

  it('5. IAM without a user, cache name or region is a one-line error', async () => {
    const noFiles = { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };
    const base = { flagPassword: undefined, env: noFiles, secretId: undefined, keychainGet: async () => undefined };
    await expect(resolveCredentials(everything({ ...base, user: undefined }))).rejects.toThrow(new CredentialsError('eredis: --iam needs --user (the ElastiCache user id)'));
    await expect(resolveCredentials(everything({ ...base, iam: { serverless: false, region: 'us-east-1' } }))).rejects.toThrow(/needs an ElastiCache replication group/);
    await expect(resolveCredentials(everything({ ...base, iam: { cacheName: 'c', serverless: true } }))).rejects.toThrow(/needs an AWS region/);
  });

  it('6. prompts on a terminal when auth is required, then offers to save', async () => {
    const input = everything({ flagPassword: undefined, env: {}, secretId: undefined, iam: undefined, user: undefined, keychainGet: async () => undefined });
    const got = await resolveCredentials(input);
    expect(got).toMatchObject({ source: 'prompt', password: 'from-prompt' });
    expect(input.prompt).toHaveBeenCalledWith('AUTH token for ssltest');
    expect(await got.offerSave!()).toBe('Saved the AUTH token for ssltest in the keychain.');
    expect(input.confirm).toHaveBeenCalledWith('Save it in the keychain for ssltest?');
    expect(input.keychainSet).toHaveBeenCalledWith('ssltest', undefined, 'from-prompt');
  });

  it('6. does not save when declined, and a cancelled prompt is reported', async () => {
    const base = { flagPassword: undefined, env: {}, secretId: undefined, iam: undefined, keychainGet: async () => undefined };
    const declined = everything({ ...base, confirm: async () => false });
    expect(await (await resolveCredentials(declined)).offerSave!()).toBeUndefined();
    expect(declined.keychainSet).not.toHaveBeenCalled();
    expect(await resolveCredentials(everything({ ...base, prompt: async () => undefined }))).toMatchObject({ source: 'none', cancelled: true });
  });

  it('never prompts without a terminal or when auth is not (yet) required', async () => {
    const base = { flagPassword: undefined, env: {}, secretId: undefined, iam: undefined, keychainGet: async () => undefined };
    const hint = 'eredis: ssltest needs AUTH and no password was found: store one with `eredis auth set ssltest`, or set REDISCLI_AUTH';
    for (const [over, notes] of [[{ isTTY: false }, [hint]], [{ authRequired: false }, []]] as const) {
      const input = everything({ ...base, ...over });
      expect(await resolveCredentials(input)).toEqual({ user: 'iam-user-01', source: 'none', notes });
      expect(input.prompt).not.toHaveBeenCalled();
    }
  });

  it('an unavailable keychain is one note, only when nothing later was found, and no save is offered', async () => {
    const down = new KeychainUnavailable('no Secret Service on D-Bus');
    const base = { flagPassword: undefined, env: {}, iam: undefined, keychainGet: async () => down };
    expect((await resolveCredentials(everything(base))).notes).toEqual([]);
    const prompted = await resolveCredentials(everything({ ...base, secretId: undefined }));
    expect(prompted.notes).toEqual([
      'eredis: no keychain available (no Secret Service on D-Bus); use REDISCLI_AUTH, --askpass, --secret-id or --iam instead',
    ]);
    expect(prompted.offerSave).toBeUndefined();
  });

  it('skips the keychain without a target', async () => {
    const input = everything({ flagPassword: undefined, env: {}, iam: undefined, target: undefined });
    expect((await resolveCredentials(input)).source).toBe('secrets-manager');
    expect(input.keychainGet).not.toHaveBeenCalled();
  });
});
