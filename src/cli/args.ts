// argv -> CliOptions, with redis-cli's parsing rules: options first, the first non-option word starts the command.
import { FLAG_BY_NAME } from './flags.js';
import { applyKeyspaceSwitch, applyKeyspaceValue, defaultKeyspaceFlags, KeyspaceFlagError, type KeyspaceFlags } from './keyspace-args.js';
import { parseRedisUri } from './redis-uri.js';
import { atof, atoi } from '../util/c-numbers.js';
import {
  applyModeSwitch, applyModeValue, clusterCommandWords, inClusterManagerMode, modeDefaults, parseClusterCommand,
  parseClusterWeight, validateModes, type ModeOptions,
} from './mode-options.js';
import { renderHelp } from './help.js';

import type { OutputMode } from '../format/index.js';

/** eredis's own first words; everything else is a Redis command. */
export type SubcommandName = 'auth' | 'groups' | 'describe' | 'completion' | '__complete';

export interface Subcommand {
  name: SubcommandName;
  /** The words after the name that are not options (options go into the CliOptions as usual). */
  args: string[];
}

export interface CliOptions extends ModeOptions {
  /** Lines redis-cli prints about a flag before going on without it (an unknown --show-pushes value). */
  warnings?: string[];
  host?: string;
  port?: number;
  socket?: string;
  timeoutMs?: number;
  db?: number;
  /** 2 or 3 when given with -2/-3; json modes ask for RESP3 implicitly unless -2. */
  resp?: 2 | 3;
  cluster: boolean;
  tls: boolean;
  sni?: string;
  cacert?: string;
  cacertdir?: string;
  insecure: boolean;
  /** --tls-verify: 'full' (CA and host name) or 'ca' (CA only). */
  tlsVerify?: 'full' | 'ca';
  cert?: string;
  key?: string;
  tlsCiphers?: string;
  tlsCiphersuites?: string;
  user?: string;
  /** Password from -a/--pass/-u: a secret, never printed. */
  password?: string;
  askpass: boolean;
  noAuthWarning: boolean;
  /** Output mode when forced by a flag (the last one wins); undefined = decide by isatty. */
  output?: OutputMode;
  bulkDelimiter: string;
  replyDelimiter: string;
  showPushes?: boolean;
  quotedInput: boolean;
  repeat: number;
  intervalMs: number;
  /** -i as redis-cli keeps it: atof(sec) * 1e6, truncated to whole microseconds (0 when not given). */
  intervalUs: number;
  stdinLast: boolean;
  stdinTag?: string;
  exitOnError: boolean;
  eval?: string;
  pipe: boolean;
  pipeTimeoutSec: number;
  /** --failover-wait in milliseconds. */
  failoverWaitMs?: number;
  /** --reply-timeout in ms (0: off). */
  replyTimeoutMs?: number;
  verbose: boolean;
  /** ElastiCache: a group/serverless name; '' means "choose interactively". */
  group?: string;
  /** --reader: the group's reader endpoint. */
  reader: boolean;
  node?: string;
  region?: string;
  profile?: string;
  refresh: boolean;
  via?: string;
  viaMap?: string;
  secretId?: string;
  iam: boolean;
  readOnly: boolean;
  confirm: boolean;
  noTiming: boolean;
  noPager: boolean;
  help: boolean;
  version: boolean;
  /** --scan, --bigkeys, --memkeys, --hotkeys, --keystats and their options. */
  keyspace: KeyspaceFlags;
  /** The command and its arguments (empty: interactive or stdin batch). */
  command: string[];
  /** `eredis groups`, `eredis auth set ...`: then `command` is empty. */
  subcommand?: Subcommand;
}

export class UsageError extends Error {}

function defaults(): CliOptions {
  return {
    cluster: false, tls: false, insecure: false, askpass: false, noAuthWarning: false,
    bulkDelimiter: '\n', replyDelimiter: '\n', quotedInput: false, repeat: 1, intervalMs: 0, intervalUs: 0,
    stdinLast: false, exitOnError: false, pipe: false, pipeTimeoutSec: 30, verbose: false,
    reader: false, refresh: false, iam: false, readOnly: false, confirm: false, noTiming: false, noPager: false,
    help: false, version: false, keyspace: defaultKeyspaceFlags(), command: [], ...modeDefaults(),
  };
}

const OUTPUT_FLAGS: Record<string, OutputMode> = { raw: 'raw', noRaw: 'tty', csv: 'csv', json: 'json', quotedJson: 'quoted-json' };

/** Subcommands whose words are options from the flag table plus positional words. */
const FLAG_SUBCOMMANDS = new Set<SubcommandName>(['groups', 'describe', '__complete']);

/** The subcommand argv[at] names, if any: `auth` only with set|delete|list (else it is Redis's AUTH). */
function subcommandAt(argv: readonly string[], at: number): SubcommandName | undefined {
  const word = argv[at];
  if (word === 'auth') return ['set', 'delete', 'list'].includes(argv[at + 1] ?? '') ? 'auth' : undefined;
  return word === 'completion' || FLAG_SUBCOMMANDS.has(word as SubcommandName) ? (word as SubcommandName) : undefined;
}

/** Parses argv (without node and script). Throws UsageError with redis-cli's words. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const o = defaults();
  const i = parseOptions(argv, 0, o);
  if (o.help || o.version) return o;
  const name = subcommandAt(argv, i);
  if (name === undefined) {
    o.command = argv.slice(i);
  } else if (FLAG_SUBCOMMANDS.has(name)) {
    o.subcommand = { name, args: [] };
    for (let at = i + 1; at < argv.length; at = parseOptions(argv, at, o)) {
      if (!argv[at].startsWith('-')) o.subcommand.args.push(argv[at++]);
    }
  } else {
    // `auth` and `completion` read their own words (`auth set TARGET --user=NAME`).
    o.subcommand = { name, args: argv.slice(i + 1) };
  }
  validate(o);
  return o;
}

/** Applies the options starting at argv[i]; returns the index of the first word that is not an option. */
function parseOptions(argv: readonly string[], i: number, o: CliOptions): number {
  for (; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('-')) {
      if (!inClusterManagerMode(o)) break;
      i = clusterCommandWords(argv, i, o);
      continue;
    }
    const lastArg = i === argv.length - 1;
    if (word === '--cluster') { i = parseClusterCommand(argv, i, o, usage); continue; }
    if (word === '--cluster-weight' && !lastArg) { i = parseClusterWeight(argv, i, o, usage); continue; }
    // redis-cli: "-h" as the very last argument asks for help.
    if (word === '-h' && lastArg) { o.help = true; continue; }
    const spec = FLAG_BY_NAME.get(word);
    // -g with no name (last, or followed by another option): pick the cache interactively.
    if (spec?.key === 'group' && (lastArg || argv[i + 1].startsWith('-'))) { o.group = ''; continue; }
    if (!spec || (spec.kind === 'string' && lastArg)) {
      throw new UsageError(`Unrecognized option or bad number of args for: '${word}'`);
    }
    if (spec.kind === 'boolean') {
      applyBoolean(o, spec.key);
      if (o.help || o.version) return argv.length;
    } else {
      applyValue(o, spec.key, argv[++i]);
    }
  }
  return i;
}

function applyBoolean(o: CliOptions, key: string): void {
  if (key in OUTPUT_FLAGS) { o.output = OUTPUT_FLAGS[key]; return; }
  if (applyKeyspaceSwitch(o.keyspace, key)) return;
  // --ldb and --ldb-sync-mode force raw output (a later output flag still wins).
  if (key === 'ldb' || key === 'ldbSyncMode') o.output = 'raw';
  if (applyModeSwitch(o, key)) return;
  switch (key) {
    case 'resp2': o.resp = o.resp === 3 ? throwUsage('Options -2 and -3 are mutually exclusive.') : 2; return;
    case 'resp3': o.resp = o.resp === 2 ? throwUsage('Options -2 and -3 are mutually exclusive.') : 3; return;
    default: (o as unknown as Record<string, boolean>)[key] = true;
  }
}

function throwUsage(message: string): never {
  throw new UsageError(message);
}

/** A usage error: one message, or (none) redis-cli's usage(1), the whole help on stderr. */
function usage(message?: string): never {
  throw new UsageError(message ?? renderHelp().replace(/\n$/, ''));
}

function applyValue(o: CliOptions, key: string, value: string): void {
  try {
    if (applyKeyspaceValue(o.keyspace, key, value)) return;
  } catch (err) {
    throw err instanceof KeyspaceFlagError ? new UsageError(err.message) : err;
  }
  if (applyModeValue(o, key, value)) return;
  switch (key) {
    case 'port': {
      const port = atoi(value);
      if (port < 0 || port > 65535) throw new UsageError('Invalid server port.');
      o.port = port;
      return;
    }
    case 'db': o.db = atoi(value); return;
    case 'timeout': {
      const secs = atof(value);
      if (!(secs > 0)) throw new UsageError('Invalid connection timeout for -t.');
      o.timeoutMs = Math.round(secs * 1000);
      return;
    }
    case 'repeat': o.repeat = atoi(value); return;
    case 'interval':
      o.intervalMs = atof(value) * 1000;
      o.intervalUs = Math.trunc(atof(value) * 1000000);
      return;
    case 'pipeTimeout': o.pipeTimeoutSec = atoi(value); return;
    case 'failoverWait': o.failoverWaitMs = Math.max(0, atof(value)) * 1000; return;
    case 'replyTimeout': o.replyTimeoutMs = Math.max(0, atof(value)) * 1000; return;
    case 'showPushes': {
      const c = value[0]?.toLowerCase();
      if (c === 'y' || c === 'n') o.showPushes = c === 'y';
      else (o.warnings ??= []).push(`Unknown --show-pushes value '${value}' (valid: '[y]es', '[n]o')`);
      return;
    }
    case 'uri': {
      const uri = parseRedisUri(value);
      o.host = uri.host ?? o.host;
      o.port = uri.port ?? o.port;
      o.db = uri.db ?? o.db;
      if (uri.tls) o.tls = true;
      if (uri.user !== undefined) o.user = uri.user;
      if (uri.password !== undefined) o.password = uri.password;
      return;
    }
    case 'tlsVerify':
      if (value !== 'full' && value !== 'ca') throw new UsageError(`Unknown --tls-verify value '${value}' (valid: full, ca)`);
      o.tlsVerify = value;
      return;
    case 'pass': o.password = value; return;
    default: (o as unknown as Record<string, string>)[key] = value;
  }
}

function validate(o: CliOptions): void {
  if (o.stdinLast && o.stdinTag !== undefined) throw new UsageError('Options -x and -X are mutually exclusive.');
  if (o.cluster && o.socket !== undefined) throw new UsageError('Options -c and -s are mutually exclusive.');
  validateModes(o, usage);
}

/** The warning redis-cli prints when a password is given on the command line. */
export const PASSWORD_WARNING = "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.";
