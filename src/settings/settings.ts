// Parsed flags + environment + terminal facts -> the Settings every mode runs with (flags win over env).
import type { CliOptions, OutputMode } from '../cli/args.js';
import type { TlsSettings } from '../net/tls.js';

export interface Terminal {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}

export interface Settings {
  host: string;
  port: number;
  socket?: string;
  timeoutMs: number;
  db: number;
  hello3: 'off' | 'explicit' | 'implicit';
  cluster: boolean;
  /** --tls (or rediss://); ElastiCache may turn TLS on too. */
  useTls: boolean;
  /** CA, client certificate, SNI... used whenever the connection is TLS. */
  tls: TlsSettings;
  user?: string;
  /** Secret from -a/--pass/-u (or --askpass, set by main). */
  password?: string;
  mode: OutputMode;
  bulkDelimiter: string;
  replyDelimiter: string;
  showPushes: boolean;
}

/** Environment variables eredis reads (redis-cli compatible names). */
export interface Env {
  REDISCLI_AUTH?: string;
  /** redis-cli's test hook: behave as if stdout were a terminal. */
  FAKETTY?: string;
  SSL_CERT_FILE?: string;
  SSL_CERT_DIR?: string;
}

export function resolveSettings(o: CliOptions, env: Env, term: Terminal): Settings {
  const stdoutIsTTY = term.stdoutIsTTY || env.FAKETTY !== undefined;
  const mode: OutputMode = o.output ?? (stdoutIsTTY ? 'tty' : 'raw');
  const jsonMode = mode === 'json' || mode === 'quoted-json';
  const hello3 = o.resp === 3 ? 'explicit' : o.resp === undefined && jsonMode ? 'implicit' : 'off';
  const tls: TlsSettings = {
    cacert: o.cacert, cacertdir: o.cacertdir, cert: o.cert, key: o.key, ciphers: o.tlsCiphers, ciphersuites: o.tlsCiphersuites,
    insecure: o.insecure, sni: o.sni, envCaFile: env.SSL_CERT_FILE, envCaDir: env.SSL_CERT_DIR,
  };
  return {
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 6379,
    socket: o.socket,
    timeoutMs: o.timeoutMs ?? 10_000,
    db: o.db ?? 0,
    hello3,
    cluster: o.cluster,
    useTls: o.tls,
    tls,
    user: o.user,
    // -a / -u; REDISCLI_AUTH and the rest of the chain come after (src/auth/credentials.ts).
    password: o.password,
    mode,
    bulkDelimiter: o.bulkDelimiter,
    replyDelimiter: o.replyDelimiter,
    showPushes: o.showPushes ?? stdoutIsTTY,
  };
}
