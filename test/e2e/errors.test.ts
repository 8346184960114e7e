// Bad input never crashes eredis: one clear stderr line (redis-cli's words), non-zero exit, no stack trace.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { freePort } from '../support/free-port.js';
import { EREDIS_BIN, hasRedisCli, runEredis, runRedisCli, tlsArgs, type RunResult } from '../support/run.js';
import { waitUntil } from '../support/wait.js';

let certs: Certs;
let good: RedisServer;
let wrongHost: RedisServer;
let expired: RedisServer;
let cnOnly: RedisServer;
let plain: RedisServer;

beforeAll(async () => {
  certs = await testCerts();
  [good, wrongHost, expired, cnOnly, plain] = await Promise.all([
    startRedis({ tls: true, password: 'right-password-123' }),
    startRedis({ tls: true, tlsCert: 'wrong-host' }),
    startRedis({ tls: true, tlsCert: 'expired' }),
    startRedis({ tls: true, tlsCert: 'cn-only' }),
    startRedis({ tls: false, plain: true }),
  ]);
});

afterAll(async () => {
  await Promise.all([good, wrongHost, expired, cnOnly, plain].map((s) => s?.stop()));
});

/** One line on stderr, no stack trace, exit code 1. */
function expectOneCleanLine(r: RunResult, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |Error: .*\.ts:/);
}

describe('connection failures', () => {
  it('connection refused, in redis-cli words', async () => {
    const port = await freePort();
    const r = await runEredis(['-p', String(port), 'ping']);
    expectOneCleanLine(r, new RegExp(`^Could not connect to Redis at 127\\.0\\.0\\.1:${port}: Connection refused\\n$`));
    if (hasRedisCli()) expect(r.stderr).toBe((await runRedisCli(['-p', String(port), 'ping'])).stderr);
  });

  it('a plain client meeting a TLS port fails at once with a hint', async () => {
    const r = await runEredis(['-p', String(good.port), 'ping']);
    expectOneCleanLine(r, /^Error: Connection reset by peer \(the server may require TLS: try --tls\)\n$/);
  });

  it('a TLS client meeting a plain port fails within seconds', async () => {
    const started = Date.now();
    const r = await runEredis(['--tls', '--cacert', certs.caCert, '-p', String(plain.port), 'ping']);
    expect(Date.now() - started).toBeLessThan(9000);
    expectOneCleanLine(r, /SSL_connect failed: no TLS handshake reply within 5s/);
  });

  it('an unknown host names the resolver failure', async () => {
    const r = await runEredis(['-h', 'no-such-host.invalid', 'ping']);
    expectOneCleanLine(r, /^Could not connect to Redis at no-such-host\.invalid:6379: (Name or service not known|Temporary failure in name resolution)\n$/);
  });
});

describe('TLS verification', () => {
  it('rejects an untrusted CA', async () => {
    const r = await runEredis(['--tls', '--cacert', certs.otherCaCert, '-p', String(good.port), 'ping']);
    expectOneCleanLine(r, /SSL_connect failed: certificate verify failed: .*untrusted CA/);
  });

  it('rejects a certificate for another host (redis-cli does not check this), naming both ways out', async () => {
    const r = await runEredis(['--tls', '--cacert', certs.caCert, '-p', String(wrongHost.port), 'ping']);
    expectOneCleanLine(r, /certificate verify failed: hostname mismatch: .*127\.0\.0\.1.*--sni NAME.*--tls-verify ca/);
  });

  describe('--tls-verify full|ca (libpq\'s verify-full / verify-ca)', () => {
    const run = (server: RedisServer, ...flags: string[]) => runEredis(['--tls', ...flags, '-p', String(server.port), 'ping']);

    it.each([['a CN-only certificate (like redis\'s test certificates)', () => cnOnly], ['one issued for another name', () => wrongHost]])(
      '%s: full (the default) refuses, ca connects with a one-line warning', async (_what, server) => {
        expectOneCleanLine(await run(server(), '--cacert', certs.caCert), /hostname mismatch/);
        expectOneCleanLine(await run(server(), '--cacert', certs.caCert, '--tls-verify', 'full'), /hostname mismatch/);
        const ca = await run(server(), '--cacert', certs.caCert, '--tls-verify', 'ca');
        expect([ca.code, ca.stdout.toString(), ca.stderr]).toEqual([0, 'PONG\n', 'Warning: --tls-verify ca: the server certificate is verified, its hostname is NOT.\n']);
      });

    it('an untrusted CA is refused by both', async () => {
      expectOneCleanLine(await run(cnOnly, '--cacert', certs.otherCaCert, '--tls-verify', 'full'), /certificate verify failed: .*untrusted CA/);
      const ca = await run(cnOnly, '--cacert', certs.otherCaCert, '--tls-verify', 'ca');
      expect(ca.code).toBe(1);
      expect(ca.stderr.split('\n')).toEqual([
        'Warning: --tls-verify ca: the server certificate is verified, its hostname is NOT.', expect.stringMatching(/certificate verify failed: .*untrusted CA/), '']);
    });

    it('the config file can say ca for a target; a bad value on the command line is a usage error', async () => {
      const home = (await import('../support/run.js')).tempHome;
      const dir = await home();
      try {
        const { mkdirSync, writeFileSync } = await import('node:fs');
        mkdirSync(`${dir.dir}/.config/eredis`, { recursive: true });
        writeFileSync(`${dir.dir}/.config/eredis/config`, `[127.0.0.1:${cnOnly.port}]\ntls-verify = ca\n`);
        const r = await runEredis(['--tls', '--cacert', certs.caCert, '-p', String(cnOnly.port), 'ping'], { env: { HOME: dir.dir } });
        expect([r.code, r.stdout.toString()]).toEqual([0, 'PONG\n']);
      } finally {
        await dir.remove();
      }
      expectOneCleanLine(await run(cnOnly, '--tls-verify', 'maybe'), /^Unknown --tls-verify value 'maybe' \(valid: full, ca\)\n$/);
    });
  });

  it('accepts that certificate when --sni names the host it was issued for', async () => {
    const r = await runEredis(['--tls', '--cacert', certs.caCert, '--sni', 'wrong.example.com', '-p', String(wrongHost.port), 'ping']);
    expect(r.stdout.toString()).toBe('PONG\n');
    expect(r.code).toBe(0);
  });

  it('rejects an expired certificate', async () => {
    const r = await runEredis(['--tls', '--cacert', certs.caCert, '-p', String(expired.port), 'ping']);
    expectOneCleanLine(r, /certificate verify failed: certificate has expired/);
  });

  it('--insecure connects anyway and warns', async () => {
    const r = await runEredis(['--tls', '--insecure', '-p', String(expired.port), 'ping']);
    expect(r.stdout.toString()).toBe('PONG\n');
    expect(r.stderr).toMatch(/^Warning: --insecure: .*NOT verified/);
    expect(r.code).toBe(0);
  });

  it('verifies with --cacertdir and with a client certificate', async () => {
    const r = await runEredis(['--tls', '--cacertdir', certs.caDir, '--cert', certs.clientCert, '--key', certs.clientKey, '-p', String(good.port), '-a', 'right-password-123', '--no-auth-warning', 'ping']);
    expect(r.stdout.toString()).toBe('PONG\n');
  });

  it.each([
    [['--cacert', '/nonexistent.pem'], 'Could not negotiate a TLS connection: Invalid CA Certificate File/Directory'],
    [['--cacertdir', '/nonexistent-dir'], 'Could not negotiate a TLS connection: Invalid CA Certificate File/Directory'],
    [['--cert', '/nonexistent.crt'], 'Could not negotiate a TLS connection: Invalid client certificate'],
    [['--tls-ciphers', 'NOPE-NOT-A-CIPHER'], 'Could not negotiate a TLS connection: Error while configuring ciphers'],
    [['--tls-ciphersuites', 'NOPE'], 'Could not negotiate a TLS connection: Error while setting cypher suites'],
  ])('bad TLS option %j', async (flags, message) => {
    const r = await runEredis(['--tls', ...flags, '-p', String(good.port), 'ping']);
    expectOneCleanLine(r, new RegExp(`^${message.replace(/[/.]/g, '\\$&')}\\n$`));
  });
});

describe('authentication', () => {
  it('prints AUTH failed in redis-cli words and still runs the command', async () => {
    const args = [...tlsArgs(certs, good), '-a', 'wrong-password', 'ping'];
    const r = await runEredis(args);
    expect(r.stderr).toContain("Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n");
    expect(r.stderr).toContain('AUTH failed: WRONGPASS invalid username-password pair or user is disabled.\n');
    expect(r.stderr).not.toContain('wrong-password');
    if (hasRedisCli()) {
      const theirs = await runRedisCli(args);
      expect(r.stdout.toString()).toBe(theirs.stdout.toString());
      expect(r.stderr).toBe(theirs.stderr);
      expect(r.code).toBe(theirs.code);
    }
  });

  it('hides a -a password from ps (the process title is redacted)', async () => {
    const child = spawn(EREDIS_BIN, [...tlsArgs(certs, good), '-a', 'right-password-123', '--no-auth-warning', 'blpop', 'never', '5'], { stdio: 'ignore' });
    try {
      await waitUntil(() => readFileSync(`/proc/${child.pid}/cmdline`, 'latin1').includes('***'), { timeoutMs: 5000, what: 'the title to be set' });
      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'latin1');
      expect(cmdline).not.toContain('right-password-123');
      expect(cmdline).toContain('-a *** --no-auth-warning blpop');
    } finally {
      child.kill();
    }
  });

  it('takes the password from REDISCLI_AUTH without a warning', async () => {
    const r = await runEredis([...tlsArgs(certs, good), 'ping'], { env: { REDISCLI_AUTH: 'right-password-123' } });
    expect(r.stdout.toString()).toBe('PONG\n');
    expect(r.stderr).toBe('');
  });

  it('--askpass reads one line from a non-terminal stdin', async () => {
    const r = await runEredis([...tlsArgs(certs, good), '--askpass', 'ping'], { input: 'right-password-123\n' });
    expect(r.stdout.toString()).toBe('PONG\n');
  });
});

describe('bad flags and arguments', () => {
  it.each([
    [['--nope']],
    [['-p']],
    [['-2', '-3', 'ping']],
    [['-x', '-X', 't', 'ping']],
    [['-u', 'http://x', 'ping']],
  ])('%j fails like redis-cli', async (args) => {
    const r = await runEredis(args);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    if (hasRedisCli()) {
      const theirs = await runRedisCli(args);
      expect(r.stderr).toBe(theirs.stderr);
      expect(r.code).toBe(theirs.code);
    }
  });

  it('an out-of-range port is refused up front (as redis-cli 7.4 does)', async () => {
    expectOneCleanLine(await runEredis(['-p', '99999', 'ping']), /^Invalid server port\.\n$/);
  });

  it('-X with a tag that is not in the command', async () => {
    const r = await runEredis([...tlsArgs(certs, good), '-a', 'right-password-123', '--no-auth-warning', '-X', 'TAG', 'set', 'k', 'v'], { input: 'x' });
    expectOneCleanLine(r, /^Using -X option but stdin tag not match\.\n$/);
  });

  it('--eval with a missing file', async () => {
    const r = await runEredis([...tlsArgs(certs, good), '-a', 'right-password-123', '--no-auth-warning', '--eval', '/nonexistent.lua']);
    expectOneCleanLine(r, /^Can't open file '\/nonexistent\.lua': No such file or directory\n$/);
  });

  it('--version and --help exit 0', async () => {
    expect((await runEredis(['--version'])).stdout.toString()).toMatch(/^eredis \d+\.\d+\.\d+/);
    const help = await runEredis(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toContain('--cacert <file>');
  });
});

describe('garbage from a server', () => {
  let fake: Server;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    fake = createServer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    await new Promise<void>((r) => fake.listen(port, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => fake.close(() => r())));

  it('reports a protocol error in hiredis words', async () => {
    const r = await runEredis(['-p', String(port), 'ping']);
    expectOneCleanLine(r, /^Error: Protocol error, got "H" as reply type byte\n$/);
    if (hasRedisCli()) expect(r.stderr).toBe((await runRedisCli(['-p', String(port), 'ping'])).stderr);
  });
});
