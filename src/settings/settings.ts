// The one merge: flags > environment > config file > defaults, computed once into the Settings every later stage takes.
import type { CliOptions, Subcommand } from '../cli/args.js';
import type { OutputMode } from '../format/index.js';
import { formatAddress, type HostPort } from '../util/host-port.js';
import type { ConfigFile } from './config-file.js';
import { parseHostPort, parseViaMap } from './via.js';
import { withoutSecrets } from '../util/child-env.js';
import { onPath } from '../util/on-path.js';
import { xdgPath } from './xdg-paths.js';

export interface Terminal {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}

/** What the merge reads of the environment (redis-cli's names, AWS's, XDG's). */
export interface Env {
  /** Any other variable (child processes get them all, secrets taken out). */
  [name: string]: string | undefined;
  REDISCLI_AUTH?: string;
  /** redis-cli's test hook: behave as if stdout were a terminal. */
  FAKETTY?: string;
  SSL_CERT_FILE?: string;
  SSL_CERT_DIR?: string;
  AWS_REGION?: string;
  AWS_DEFAULT_REGION?: string;
  AWS_PROFILE?: string;
  EREDIS_HISTFILE?: string;
  EREDIS_PAGER?: string;
  PAGER?: string;
  PATH?: string;
  TERM?: string;
  HOME?: string;
  XDG_CONFIG_HOME?: string;
  XDG_STATE_HOME?: string;
  XDG_CACHE_HOME?: string;
}

/** TLS flags, used whenever the connection is TLS (--tls, rediss://, or an ElastiCache cache with TLS). */
export interface TlsSettings {
  cacert?: string;
  cacertdir?: string;
  cert?: string;
  key?: string;
  ciphers?: string;
  ciphersuites?: string;
  insecure: boolean;
  /** 'full': the chain and the host name (default); 'ca': the chain only (libpq's verify-ca). */
  verify: 'full' | 'ca';
  /** --sni: the name sent and verified instead of the host. */
  sni?: string;
  /** OpenSSL's SSL_CERT_FILE / SSL_CERT_DIR, honoured (as redis-cli does) when no --cacert/--cacertdir is given. */
  envCaFile?: string;
  envCaDir?: string;
}

export interface PrintSettings {
  mode: OutputMode;
  bulkDelimiter: string;
  replyDelimiter: string;
}

/** 'replica' is the reader endpoint (--reader); redis-cli's replica mode (--replica) is ServerMode 'replica'. */
export type CacheRole = 'primary' | 'replica' | { node: string };

/** redis-cli's key-space modes, in its order of precedence when several are given. */
export type KeyspaceMode = 'bigkeys' | 'memkeys' | 'keystats' | 'hotkeys' | 'scan';

export interface KeyspaceSettings {
  mode: KeyspaceMode;
  /** --pattern, or --quoted-pattern still quoted (the mode unquotes it and refuses a bad one). */
  pattern?: { text: string; quoted: boolean };
  /** --count: SCAN ... COUNT n (only when given). */
  count?: number;
  /** MEMORY USAGE ... SAMPLES n (undefined: the server's default). */
  samples?: number;
  /** --top and --cursor (--keystats). */
  top: bigint;
  cursor: bigint;
  /** isatty(stdout) or FAKETTY: what 7.4's --keystats checks for its live view and colors. */
  stdoutIsTTY: boolean;
}

export interface Settings {
  host: string;
  port: number;
  socket?: string;
  /** --via: where the socket really connects (a local port forward); TLS still verifies the real name. */
  via?: HostPort;
  /** --via-map: port forwards for cluster nodes, keyed "host:port" or "host" (lower case). */
  viaMap: Map<string, HostPort>;
  /** -g: an ElastiCache replication group or serverless cache; '' means "let the user choose". */
  group?: string;
  role: CacheRole;
  refresh: boolean;
  /** flag > AWS_REGION / AWS_DEFAULT_REGION / AWS_PROFILE > config file; the AWS config file comes after (aws/). */
  aws: { region?: string; profile?: string };
  /** The config-file section and keychain account: the group name, else host:port (or the socket path). */
  credentialTarget: string;
  useTls: boolean;
  tls: TlsSettings;
  timeoutMs: number;
  db: number;
  /** 'explicit' (-3): HELLO 3 on connect; 'implicit' (--json): the same, but a failure is only reported. */
  hello3: 'off' | 'explicit' | 'implicit';
  cluster: boolean;
  user?: string;
  /** Secret from -a/--pass/-u (--askpass and the credential chain come later). */
  password?: string;
  askpass: boolean;
  noAuthWarning: boolean;
  secretId?: string;
  iam: boolean;
  print: PrintSettings;
  showPushes: boolean;
  command: string[];
  subcommand?: Subcommand;
  quotedInput: boolean;
  repeat: number;
  intervalMs: number;
  /** -i in whole microseconds, as redis-cli keeps it (0 = not given): the diagnostic modes' pacing. */
  intervalUs: number;
  /** A redis-cli diagnostic mode (--stat, --latency, --rdb, --replica, --cluster, --ldb ...), if one was asked for. */
  serverMode?: ServerMode;
  stdinLast: boolean;
  stdinTag?: string;
  exitOnError: boolean;
  eval?: string;
  pipe: boolean;
  pipeTimeoutSec: number;
  /** How long batch lines for a lost node wait for a replica to take over. */
  failoverWaitMs: number;
  /** How long a node may leave a command unanswered before it is probed and, silent, counted as gone (0: forever). */
  replyTimeoutMs: number;
  readOnly: boolean;
  /** --confirm; an ElastiCache primary turns it on later, once the endpoint is known. */
  confirm: boolean;
  timing: boolean;
  verbose: boolean;
  /** TERM=dumb/cons25/emacs: a plain prompt and plain line reads, as linenoise does. */
  dumbTerminal: boolean;
  /** The shell command that pages replies taller than the terminal (the shell only); undefined: no pager. */
  pager?: string;
  /** The environment child processes (the pager) get: the user's without its secrets. */
  childEnv: Record<string, string>;
  /** redis-cli's isColorTerm(): TERM contains "xterm" (colours for --cluster and the --ldb debugger). */
  colorTerm: boolean;
  historyFile?: string;
  cacheDir: string;
  /** Set when a key-space mode (--scan, --bigkeys, --memkeys, --keystats, --hotkeys) was asked for. */
  keyspace?: KeyspaceSettings;
}

const TRUE = /^(1|true|yes|on)$/i;
const nonEmpty = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

/** The merge. `config` is the parsed config file; its section is the one named after the target. */
export function resolveSettings(o: CliOptions, env: Env, term: Terminal, config: ConfigFile): Settings {
  const stdoutIsTTY = term.stdoutIsTTY || env.FAKETTY !== undefined;
  const mode: OutputMode = o.output ?? (stdoutIsTTY ? 'tty' : 'raw');
  const jsonMode = mode === 'json' || mode === 'quoted-json';
  const host = o.host ?? '127.0.0.1';
  const port = o.port ?? 6379;
  const credentialTarget = o.group || (o.socket ?? formatAddress(host, port));
  const section = config.forTarget(credentialTarget);
  const keyspace = keyspaceSettings(o, stdoutIsTTY);
  const serverMode = selectServerMode(o, keyspace?.mode);
  return {
    host, port, socket: o.socket,
    via: o.via !== undefined ? parseHostPort(o.via, '--via') : undefined,
    viaMap: o.viaMap !== undefined ? parseViaMap(o.viaMap) : new Map(),
    group: o.group,
    role: o.node !== undefined ? { node: o.node } : o.reader ? 'replica' : 'primary',
    refresh: o.refresh,
    aws: {
      region: nonEmpty(o.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? nonEmpty(section.region),
      profile: nonEmpty(o.profile) ?? nonEmpty(env.AWS_PROFILE) ?? nonEmpty(section.profile),
    },
    credentialTarget,
    useTls: o.tls,
    tls: {
      cacert: o.cacert, cacertdir: o.cacertdir, cert: o.cert, key: o.key, ciphers: o.tlsCiphers,
      ciphersuites: o.tlsCiphersuites, insecure: o.insecure, verify: o.tlsVerify ?? tlsVerify(section['tls-verify']),
      sni: o.sni, envCaFile: env.SSL_CERT_FILE, envCaDir: env.SSL_CERT_DIR,
    },
    timeoutMs: o.timeoutMs ?? 10_000,
    db: o.db ?? 0,
    hello3: o.resp === 3 ? 'explicit' : o.resp === undefined && jsonMode ? 'implicit' : 'off',
    cluster: o.cluster,
    user: o.user ?? section.user,
    password: o.password,
    askpass: o.askpass,
    noAuthWarning: o.noAuthWarning,
    secretId: o.secretId ?? section['secret-id'],
    iam: o.iam || TRUE.test(section.iam ?? ''),
    print: { mode, bulkDelimiter: o.bulkDelimiter, replyDelimiter: o.replyDelimiter },
    showPushes: o.showPushes ?? stdoutIsTTY,
    command: o.command,
    subcommand: o.subcommand,
    quotedInput: o.quotedInput,
    repeat: o.repeat,
    intervalMs: o.intervalMs,
    intervalUs: o.intervalUs,
    serverMode,
    stdinLast: o.stdinLast,
    stdinTag: o.stdinTag,
    exitOnError: o.exitOnError,
    eval: o.eval,
    pipe: o.pipe,
    pipeTimeoutSec: o.pipeTimeoutSec,
    failoverWaitMs: o.failoverWaitMs ?? 30_000,
    replyTimeoutMs: o.replyTimeoutMs ?? seconds(section['reply-timeout']) ?? 5_000,
    readOnly: o.readOnly,
    confirm: o.confirm,
    timing: !o.noTiming,
    verbose: o.verbose,
    dumbTerminal: ['dumb', 'cons25', 'emacs'].includes(env.TERM ?? ''),
    pager: o.noPager || /^(off|no|false|0)$/i.test(section.pager?.trim() ?? '') ? undefined : pagerCommand(env),
    childEnv: withoutSecrets(env),
    colorTerm: (env.TERM ?? '').includes('xterm'),
    historyFile: historyFile(env),
    cacheDir: xdgPath('cache', env),
    keyspace: serverMode ? undefined : keyspace,
  };
}

/** A number of seconds from the config file, in ms; undefined when absent or not a number. */
function seconds(value: string | undefined): number | undefined {
  const n = Number(value?.trim());
  return value !== undefined && value.trim() !== '' && Number.isFinite(n) && n >= 0 ? n * 1000 : undefined;
}

/** The config file's `tls-verify` (anything but 'ca' is the safe default, 'full'). */
function tlsVerify(value: string | undefined): 'full' | 'ca' {
  return value?.trim().toLowerCase() === 'ca' ? 'ca' : 'full';
}

/** The key-space mode redis-cli would run (the first of bigkeys, memkeys, keystats, hotkeys, scan), if any. */
function keyspaceSettings(o: CliOptions, stdoutIsTTY: boolean): KeyspaceSettings | undefined {
  const k = o.keyspace;
  const mode = k.bigkeys ? 'bigkeys' : k.memkeys ? 'memkeys' : k.keystats ? 'keystats' : k.hotkeys ? 'hotkeys' : k.scan ? 'scan' : undefined;
  if (!mode) return undefined;
  return { mode, pattern: k.pattern, count: k.count, samples: k.samples, top: k.top, cursor: k.cursor, stdoutIsTTY };
}

/** $EREDIS_PAGER, else $PAGER, else `less -FRX` when less is installed (as psql does); undefined for none. */
function pagerCommand(env: Env): string | undefined {
  const chosen = env.EREDIS_PAGER?.trim() || env.PAGER?.trim();
  if (chosen) return chosen;
  return onPath('less', env.PATH) ? 'less -FRX' : undefined;
}

/** EREDIS_HISTFILE ('' or /dev/null: no file), else $XDG_STATE_HOME/eredis/history. */
function historyFile(env: Env): string | undefined {
  const chosen = env.EREDIS_HISTFILE;
  if (chosen !== undefined) return chosen === '' || chosen === '/dev/null' ? undefined : chosen;
  return `${xdgPath('state', env)}/history`;
}

/** A redis-cli server-side diagnostic mode, as the dispatch runs it. */
export type ServerMode =
  | { kind: 'cluster'; command: string; args: string[]; options: Map<string, string | true> }
  | { kind: 'latency'; history: boolean }
  | { kind: 'latency-dist'; mono: boolean }
  | { kind: 'replica' }
  | { kind: 'rdb'; file: string; functionsOnly: boolean }
  | { kind: 'stat' }
  | { kind: 'lru-test'; keys: number }
  | { kind: 'intrinsic-latency'; seconds: number }
  | { kind: 'ldb'; sync: boolean };

/**
 * redis-cli main(): --cluster, --latency(-history), --latency-dist, --replica, --rdb/--functions-rdb, --pipe,
 * (--bigkeys, --memkeys, --hotkeys), --stat, (--scan), --lru-test, --intrinsic-latency, then --eval (--ldb).
 * The key-space modes in parentheses are chosen by their own branch; --pipe is the existing pipe mode, so a mode
 * that comes after it in redis-cli's order yields to it here, as do --stat and later modes to a key-space mode.
 */
export function selectServerMode(o: CliOptions, keyspace?: KeyspaceMode): ServerMode | undefined {
  const cm = o.clusterManager;
  if (cm?.command) return { kind: 'cluster', command: cm.command, args: cm.args, options: cm.options };
  if (o.latency) return { kind: 'latency', history: o.latencyHistory };
  if (o.latencyDist) return { kind: 'latency-dist', mono: o.mono };
  if (o.replicaMode) return { kind: 'replica' };
  if (o.rdb !== undefined || o.functionsRdb !== undefined) {
    return { kind: 'rdb', file: (o.functionsRdb ?? o.rdb)!, functionsOnly: o.functionsRdb !== undefined };
  }
  if (o.pipe || (keyspace && keyspace !== 'scan')) return undefined;
  if (o.stat) return { kind: 'stat' };
  if (keyspace) return undefined;
  if (o.lruTest !== undefined) return { kind: 'lru-test', keys: o.lruTest };
  if (o.intrinsicLatency !== undefined) return { kind: 'intrinsic-latency', seconds: o.intrinsicLatency };
  if (o.ldb && o.eval !== undefined) return { kind: 'ldb', sync: o.ldbSync };
  return undefined;
}
