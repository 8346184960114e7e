// Node socket/TLS errors -> the words redis-cli (hiredis, OpenSSL) prints, plus the reason and a hint for TLS failures.
import type { ConnectTarget } from './open-socket.js';

const SYSCALL_WORDS: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPIPE: 'Broken pipe',
  ENOTFOUND: 'Name or service not known',
  EAI_AGAIN: 'Temporary failure in name resolution',
  EADDRNOTAVAIL: 'Cannot assign requested address',
};

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_SIGNATURE_FAILURE',
]);

function code(err: Error): string {
  return String((err as NodeJS.ErrnoException).code ?? '');
}

/** Why a TLS handshake failed, in words a person can act on. */
function describeTlsFailure(err: Error, target: ConnectTarget): string | undefined {
  const c = code(err);
  const verify = 'SSL_connect failed: certificate verify failed';
  if (UNTRUSTED.has(c)) return `${verify}: ${err.message} (untrusted CA: pass --cacert with the CA that signed the server certificate)`;
  if (c === 'CERT_HAS_EXPIRED') return `${verify}: certificate has expired`;
  if (c === 'CERT_NOT_YET_VALID') return `${verify}: certificate is not yet valid`;
  if (c === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const reason = String((err as { reason?: string }).reason ?? err.message);
    return `${verify}: hostname mismatch: ${reason} (use --sni NAME to verify the name the certificate was issued for, or --tls-verify ca to verify only the CA)`;
  }
  if (c.startsWith('ERR_SSL_') || c === 'EPROTO') {
    const detail = /wrong version number|packet length too long|unexpected eof/i.test(err.message)
      ? ' (is TLS enabled on that port? try without --tls)' : '';
    return `SSL_connect failed: ${err.message.replace(/^.*routines:/, '').replace(/:.*$/, '')}${detail}`;
  }
  if (target.tls && c === 'ECONNRESET') return 'SSL_connect failed: Connection reset by peer';
  return undefined;
}

/** The text after "Could not connect to Redis at HOST:PORT: ". */
export function describeConnectError(err: Error, target: ConnectTarget): string {
  return describeTlsFailure(err, target) ?? SYSCALL_WORDS[code(err)] ?? err.message;
}

/** The text after "Error: " when an established connection breaks; `plainAndSilent`: no byte ever came back on a plain socket. */
export function describeLostConnection(err: Error, plainAndSilent = false): string {
  const words = SYSCALL_WORDS[code(err)] ?? err.message;
  return plainAndSilent && code(err) === 'ECONNRESET' ? `${words} (the server may require TLS: try --tls)` : words;
}
