// Test TLS material (CA, server/client certs, bad certs), generated once per machine with openssl and cached in tmp.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Absolute paths of every file the TLS tests need. */
export interface Certs {
  dir: string;
  caCert: string;
  caKey: string;
  /** Valid for localhost, 127.0.0.1, ::1 and the ElastiCache-style ssltest names. */
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** An unrelated CA: using it as --cacert must make verification fail. */
  otherCaCert: string;
  otherCaKey: string;
  /** Signed by the good CA but only for DNS:wrong.example.com. */
  wrongHostCert: string;
  wrongHostKey: string;
  /** Signed by the good CA with CN=Server and no subjectAltName, like redis's own test certificates. */
  cnOnlyCert: string;
  cnOnlyKey: string;
  /** Signed by the good CA, right names, validity 2020-01-01..2021-01-01. */
  expiredCert: string;
  expiredKey: string;
  /** Directory holding the CA as `<subject-hash>.0`, for --cacertdir. */
  caDir: string;
}

export const ELASTICACHE_TEST_HOSTS = [
  '*.ssltest.abc123.use1.cache.amazonaws.com',
  'master.ssltest.abc123.use1.cache.amazonaws.com',
  'replica.ssltest.abc123.use1.cache.amazonaws.com',
  'clustercfg.ssltest.abc123.use1.cache.amazonaws.com',
];

const FILES = {
  caCert: 'ca.crt', caKey: 'ca.key', serverCert: 'server.crt', serverKey: 'server.key',
  clientCert: 'client.crt', clientKey: 'client.key', otherCaCert: 'other-ca.crt', otherCaKey: 'other-ca.key',
  wrongHostCert: 'wrong-host.crt', wrongHostKey: 'wrong-host.key', cnOnlyCert: 'cn-only.crt', cnOnlyKey: 'cn-only.key', expiredCert: 'expired.crt',
  expiredKey: 'expired.key', caDir: 'cadir',
} as const;

const REQ_CNF = `[req]
distinguished_name = dn
[dn]
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
`;

const EXT_CNF = `[server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer
subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1,${ELASTICACHE_TEST_HOSTS.map((h) => `DNS:${h}`).join(',')}
[wrong_host]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = DNS:wrong.example.com
[cn_only]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
[client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
`;

/** Minimal `openssl ca` setup, only used for the expired certificate (x509 -req cannot backdate in OpenSSL 3.0). */
const CA_CNF = `[ca]
default_ca = test_ca
[test_ca]
dir = .
database = ./ca-db/index.txt
new_certs_dir = ./ca-db
serial = ./ca-db/serial
certificate = ./ca.crt
private_key = ./ca.key
default_md = sha256
policy = any_policy
unique_subject = no
copy_extensions = none
[any_policy]
commonName = supplied
`;

function openssl(cwd: string, args: string[]): Promise<unknown> {
  return run('openssl', args, { cwd }).catch((err: { stderr?: string; message: string }) => {
    throw new Error(`openssl ${args.join(' ')} failed: ${err.stderr || err.message}`);
  });
}

const serial = () => '0x' + Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0');

async function selfSignedCa(cwd: string, name: string, cn: string): Promise<void> {
  await openssl(cwd, ['req', '-x509', '-new', '-nodes', '-newkey', 'rsa:2048', '-sha256', '-days', '3650',
    '-keyout', `${name}.key`, '-out', `${name}.crt`, '-subj', `/O=eredis tests/CN=${cn}`,
    '-config', 'req.cnf', '-extensions', 'v3_ca']);
}

async function csr(cwd: string, name: string, cn: string): Promise<void> {
  await openssl(cwd, ['req', '-new', '-nodes', '-newkey', 'rsa:2048', '-keyout', `${name}.key`,
    '-out', `${name}.csr`, '-subj', `/O=eredis tests/CN=${cn}`, '-config', 'req.cnf']);
}

async function signed(cwd: string, name: string, cn: string, ext: string): Promise<void> {
  await csr(cwd, name, cn);
  await openssl(cwd, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key',
    '-set_serial', serial(), '-days', '3650', '-sha256', '-extfile', 'ext.cnf', '-extensions', ext,
    '-out', `${name}.crt`]);
}

async function generate(work: string): Promise<void> {
  await fs.writeFile(path.join(work, 'req.cnf'), REQ_CNF);
  await fs.writeFile(path.join(work, 'ext.cnf'), EXT_CNF);
  await fs.writeFile(path.join(work, 'ca.cnf'), CA_CNF);
  await selfSignedCa(work, 'ca', 'eredis test CA');
  await selfSignedCa(work, 'other-ca', 'eredis unrelated CA');
  await signed(work, 'server', 'localhost', 'server');
  await signed(work, 'client', 'eredis test client', 'client');
  await signed(work, 'wrong-host', 'wrong.example.com', 'wrong_host');
  await signed(work, 'cn-only', 'Server', 'cn_only');
  // Expired: right names, right CA, validity entirely in the past.
  await fs.mkdir(path.join(work, 'ca-db'));
  await fs.writeFile(path.join(work, 'ca-db', 'index.txt'), '');
  await fs.writeFile(path.join(work, 'ca-db', 'serial'), '1000\n');
  await csr(work, 'expired', 'localhost');
  await openssl(work, ['ca', '-batch', '-notext', '-config', 'ca.cnf', '-startdate', '20200101000000Z',
    '-enddate', '20210101000000Z', '-in', 'expired.csr', '-out', 'expired.crt',
    '-extfile', 'ext.cnf', '-extensions', 'server']);
  // --cacertdir wants the CA under its subject hash; a copy (not a symlink) survives any later move.
  const { stdout } = (await run('openssl', ['x509', '-hash', '-noout', '-in', 'ca.crt'], { cwd: work })) as {
    stdout: string;
  };
  await fs.mkdir(path.join(work, 'cadir'));
  await fs.copyFile(path.join(work, 'ca.crt'), path.join(work, 'cadir', `${stdout.trim()}.0`));
  await Promise.all(['ca-db', 'server.csr', 'client.csr', 'wrong-host.csr', 'cn-only.csr', 'expired.csr'].map((f) =>
    fs.rm(path.join(work, f), { recursive: true, force: true })));
}

function pathsIn(dir: string): Certs {
  const out = { dir } as Record<string, string>;
  for (const [k, f] of Object.entries(FILES)) out[k] = path.join(dir, f);
  return out as unknown as Certs;
}

function complete(dir: string): boolean {
  return Object.values(FILES).every((f) => existsSync(path.join(dir, f)));
}

async function ensure(): Promise<Certs> {
  const dir = process.env.EREDIS_TEST_CERTS_DIR ?? path.join(os.tmpdir(), 'eredis-test-certs-v1');
  if (complete(dir)) return pathsIn(dir);
  if (existsSync(dir)) await fs.rm(dir, { recursive: true, force: true }); // a half-deleted cache: rebuild it
  const work = await fs.mkdtemp(path.join(path.dirname(dir), `${path.basename(dir)}.tmp-`));
  try {
    await generate(work);
    try {
      await fs.rename(work, dir); // atomic: parallel workers either win this or find the winner's directory
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !complete(dir)) throw err;
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  return pathsIn(dir);
}

let pending: Promise<Certs> | undefined;

/** The shared test certificates, generated on first use (per machine, cached in the OS temp dir). */
export function testCerts(): Promise<Certs> {
  pending ??= ensure().catch((err) => {
    pending = undefined;
    throw err;
  });
  return pending;
}
