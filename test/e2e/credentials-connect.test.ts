// Credentials end to end: keychain (real Secret Service), Secrets Manager stand-in, IAM token shape; no file keeps a secret.
import { createServer, type Server } from 'node:net';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { startElastiCacheApi, cmdGroup, standInEnv, type ElastiCacheApiStandIn } from '../support/elasticache-api.js';
import { startSecretsManagerApi, type SecretsManagerApi } from '../support/secrets-manager-api.js';
import { PRIVATE_KEYRING, KEYCHAIN_REQUIRED, SKIP_REASON } from '../support/keychain-env.js';
import { freePort } from '../support/free-port.js';
import { runEredis, tempHome } from '../support/run.js';

const TOKEN = 'keychain-token-0123456789abcdef';
const APP_PASSWORD = 'app-user-password-9876543210';
let certs: Certs;
let server: RedisServer;
let aclServer: RedisServer;
let api: ElastiCacheApiStandIn;
let secrets: SecretsManagerApi;
let home: { dir: string; remove(): Promise<void> };

beforeAll(async () => {
  certs = await testCerts();
  [server, aclServer, home] = await Promise.all([
    startRedis({ tls: true, password: TOKEN }),
    startRedis({ tls: true, aclUsers: [`app on >${APP_PASSWORD} ~* +@all`] }),
    tempHome(),
  ]);
  api = await startElastiCacheApi({ groups: [cmdGroup({ id: 'ssltest', tls: true, authToken: true, primary: { host: '127.0.0.1', port: server.port } })] });
  secrets = await startSecretsManagerApi({ 'prod/ssltest': JSON.stringify({ password: TOKEN }), 'prod/app': JSON.stringify({ username: 'app', password: APP_PASSWORD }) });
});

afterAll(async () => {
  await Promise.all([server?.stop(), aclServer?.stop(), api?.close(), secrets?.close(), home?.remove()]);
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { ...standInEnv(api.url, home.dir), SSL_CERT_FILE: certs.caCert, AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url, ...extra } as Record<string, string>;
}

/** Every regular file under dir, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.runIf(PRIVATE_KEYRING || KEYCHAIN_REQUIRED)('keychain', () => {
  const keyringEnv = () => env({ ...(process.env.DBUS_SESSION_BUS_ADDRESS ? { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS } : {}) });

  it('auth set, then -g ssltest finds the token in the keychain', async () => {
    expect(PRIVATE_KEYRING, SKIP_REASON).toBe(true);
    const set = await runEredis(['auth', 'set', 'ssltest'], { input: `${TOKEN}\n`, env: keyringEnv() });
    expect(set.code, set.stderr).toBe(0);
    const r = await runEredis(['-g', 'ssltest', '--refresh', 'ping'], { env: keyringEnv() });
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toBe('PONG\n');
    const list = await runEredis(['auth', 'list'], { env: keyringEnv() });
    expect(list.stdout.toString()).toContain('ssltest');
    expect(list.stdout.toString() + list.stderr).not.toContain(TOKEN);
  });

  it('an ACL user on host:port: the keychain entry for user@host:port is used', async () => {
    const target = `127.0.0.1:${aclServer.port}`;
    expect((await runEredis(['auth', 'set', target, '--user', 'app'], { input: `${APP_PASSWORD}\n`, env: keyringEnv() })).code).toBe(0);
    const r = await runEredis(['--tls', '-p', String(aclServer.port), '--user', 'app', 'acl', 'whoami'], { env: keyringEnv() });
    expect(r.stdout.toString()).toBe('app\n');
  });

  it('no file eredis wrote holds a secret', () => {
    for (const file of filesUnder(home.dir)) {
      const text = readFileSync(file, 'latin1');
      expect(text.includes(TOKEN), file).toBe(false);
      expect(text.includes(APP_PASSWORD), file).toBe(false);
    }
  });
});

describe('Secrets Manager', () => {
  it('--secret-id supplies the AUTH token', async () => {
    const r = await runEredis(['--tls', '-p', String(server.port), '--secret-id', 'prod/ssltest', 'ping'], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toBe('PONG\n');
  });

  it('--verbose shows each step and never the secret', async () => {
    const r = await runEredis(['--verbose', '--tls', '-p', String(server.port), '--secret-id', 'prod/ssltest', 'ping'], { env: env() });
    expect(r.stdout.toString()).toBe('PONG\n');
    expect(r.stderr).toContain('eredis: password from secrets-manager');
    expect(r.stderr).toContain(`eredis: connecting to 127.0.0.1:${server.port}, TLS verifying 127.0.0.1`);
    expect(r.stderr).toContain('eredis: AUTH');
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('a JSON secret with username authenticates as that ACL user', async () => {
    const r = await runEredis(['--tls', '-p', String(aclServer.port), '--secret-id', 'prod/app', 'acl', 'whoami'], { env: env() });
    expect(r.stdout.toString()).toBe('app\n');
  });

  it('a secret-id for the target in the config file is used when no flag says otherwise', async () => {
    const dir = join(home.dir, '.config', 'eredis');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config'), `[127.0.0.1:${server.port}]\nsecret-id = prod/ssltest\n`);
    try {
      const r = await runEredis(['--tls', '-p', String(server.port), 'ping'], { env: env() });
      expect(r.stdout.toString(), r.stderr).toBe('PONG\n');
    } finally {
      rmSync(join(dir, 'config'));
    }
  });

  it('a missing secret is one line that names no secret', async () => {
    const r = await runEredis(['--tls', '-p', String(server.port), '--secret-id', 'prod/none', 'ping'], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^eredis: Secrets Manager/);
  });
});

describe('IAM', () => {
  let fake: Server;
  let port: number;
  const seen: string[][] = [];
  beforeAll(async () => {
    port = await freePort();
    // A plain RESP server that records AUTH arguments and answers +OK to everything.
    fake = createServer((socket) => socket.on('data', (d) => {
      const parts = d.toString('latin1').split('\r\n').filter((_, i) => i > 0 && i % 2 === 0);
      seen.push(parts);
      socket.write('+OK\r\n');
    }));
    await new Promise<void>((r) => fake.listen(port, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => fake.close(() => r())));

  it('--iam sends AUTH user <SigV4-presigned connect token for the group>', async () => {
    api.setGroups([cmdGroup({ id: 'iamgroup', tls: false, authToken: false, userGroupIds: ['ug1'], primary: { host: '127.0.0.1', port } })]);
    const r = await runEredis(['-g', 'iamgroup', '--refresh', '--iam', '--user', 'iam-user-01', 'ping'], { env: env() });
    expect(r.stderr).toBe('');
    const auth = seen.find((argv) => argv[0] === 'AUTH')!;
    expect(auth[1]).toBe('iam-user-01');
    expect(auth[2]).toMatch(/^iamgroup\/\?Action=connect&User=iam-user-01&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDSTANDIN0EXAMPLE%2F\d{8}%2Fus-east-1%2Felasticache%2Faws4_request&X-Amz-Date=\d{8}T\d{6}Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/);
  });
});

describe('URIs', () => {
  it.each(['rediss', 'valkeys'])('%s://user:password@host:port connects over TLS as that ACL user', async (scheme) => {
    const uri = `${scheme}://app:${APP_PASSWORD}@127.0.0.1:${aclServer.port}`;
    const r = await runEredis(['-u', uri, '--no-auth-warning', '--cacert', certs.caCert, 'ACL', 'WHOAMI']);
    expect([r.code, r.stderr, r.stdout.toString()]).toEqual([0, '', 'app\n']);
  });

  it('valkey:// (no TLS) against a TLS port fails the way redis:// does', async () => {
    const plain = await runEredis(['-u', `valkey://127.0.0.1:${aclServer.port}`, '-t', '2', 'PING'], { timeoutMs: 20_000 });
    const redis = await runEredis(['-u', `redis://127.0.0.1:${aclServer.port}`, '-t', '2', 'PING'], { timeoutMs: 20_000 });
    expect(plain.code).not.toBe(0);
    expect([plain.code, plain.stderr]).toEqual([redis.code, redis.stderr]);
  });
});
