// TLS flags -> a verified node:tls configuration (CA, client cert, SNI, ciphers), built once and reused for every node.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import type { TlsSettings } from '../settings/settings.js';

/** A prepared TLS configuration; `forHost` gives per-connection options. */
export interface TlsConfig {
  insecure: boolean;
  /** What a server certificate must pass: its chain and name, its chain only, or nothing (--insecure). */
  verify: 'full' | 'ca' | 'none';
  forHost(host: string, servername?: string): tls.ConnectionOptions;
}

/** A bad TLS flag; redis-cli prints these as "Could not negotiate a TLS connection: <message>". */
export class TlsConfigError extends Error {}

const TLS13_DEFAULT_SUITES = 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256';

function readCaFile(path: string): string {
  const pem = readFileSync(path, 'latin1');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no certificate');
  return pem;
}

function loadCa(s: TlsSettings): string[] | undefined {
  const file = s.cacert ?? (s.cacertdir === undefined ? s.envCaFile : undefined);
  const dir = s.cacertdir ?? (s.cacert === undefined ? s.envCaDir : undefined);
  if (file === undefined && dir === undefined) return undefined; // Node's bundled roots (they include Amazon's).
  const explicit = s.cacert !== undefined || s.cacertdir !== undefined;
  const pems: string[] = explicit ? [] : [...tls.rootCertificates];
  try {
    if (file !== undefined) pems.push(readCaFile(file));
    if (dir !== undefined) {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (!statSync(path).isFile()) continue;
        try { pems.push(readCaFile(path)); } catch { /* not a certificate: skip, as OpenSSL's CApath lookup would */ }
      }
    }
  } catch {
    throw new TlsConfigError('Invalid CA Certificate File/Directory');
  }
  return pems;
}

function readPem(path: string, message: string): Buffer {
  try { return readFileSync(path); } catch { throw new TlsConfigError(message); }
}

function cipherList(s: TlsSettings): string | undefined {
  if (s.ciphers === undefined && s.ciphersuites === undefined) return undefined;
  const legacy = s.ciphers ?? tls.DEFAULT_CIPHERS.split(':').filter((c) => !c.startsWith('TLS_')).join(':');
  return `${s.ciphersuites ?? TLS13_DEFAULT_SUITES}:${legacy}`;
}

function checkCiphers(s: TlsSettings): void {
  if (s.ciphers !== undefined) {
    try { tls.createSecureContext({ ciphers: `${TLS13_DEFAULT_SUITES}:${s.ciphers}` }); } catch { throw new TlsConfigError('Error while configuring ciphers'); }
  }
  if (s.ciphersuites !== undefined) {
    const valid = s.ciphersuites.split(':').every((c) => c.startsWith('TLS_'));
    try {
      if (!valid) throw new Error('not a TLSv1.3 suite');
      tls.createSecureContext({ ciphers: `${s.ciphersuites}:HIGH` });
    } catch { throw new TlsConfigError('Error while setting cypher suites'); }
  }
}

/** Validates the files and options once; throws TlsConfigError in redis-cli's words. */
export function prepareTls(s: TlsSettings): TlsConfig {
  const ca = loadCa(s);
  const cert = s.cert !== undefined ? readPem(s.cert, 'Invalid client certificate') : undefined;
  const key = s.key !== undefined ? readPem(s.key, 'Invalid private key') : undefined;
  checkCiphers(s);
  let secureContext: tls.SecureContext;
  try {
    secureContext = tls.createSecureContext({ ca, ciphers: cipherList(s) });
  } catch {
    throw new TlsConfigError('Invalid CA Certificate File/Directory');
  }
  if (cert !== undefined || key !== undefined) {
    try {
      secureContext = tls.createSecureContext({ ca, ciphers: cipherList(s), cert, key: key ?? cert });
    } catch (err) {
      const text = String((err as Error).message);
      throw new TlsConfigError(/key/i.test(text) && key !== undefined ? 'Invalid private key' : 'Invalid client certificate');
    }
  }
  const checkName = !s.insecure && s.verify === 'full';
  return {
    insecure: s.insecure,
    verify: s.insecure ? 'none' : s.verify,
    forHost(host: string, servername?: string): tls.ConnectionOptions {
      const name = s.sni ?? servername ?? host;
      return {
        secureContext,
        rejectUnauthorized: !s.insecure,
        // Node sends no SNI for an IP; it still verifies an IP against the certificate's IP SANs.
        servername: isIP(name) ? undefined : name,
        // --tls-verify ca: the chain is still checked (rejectUnauthorized); only the name is not.
        checkServerIdentity: (_hostname, peer) => (checkName ? tls.checkServerIdentity(name, peer) : undefined),
      };
    },
  };
}
