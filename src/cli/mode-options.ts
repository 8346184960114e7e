// redis-cli's diagnostic-mode options (--stat, --latency*, --rdb, --replica, --ldb, --cluster ...), parsed its way.
import { atoi } from '../util/c-numbers.js';

/** `--cluster <command> [args...]` and the --cluster-* options given with it. */
export interface ClusterManagerOptions {
  command: string;
  args: string[];
  /** --cluster-NAME options: true for switches, the value for the others (--cluster-weight: its words, joined). */
  options: Map<string, string | true>;
}

export interface ModeOptions {
  stat: boolean;
  latency: boolean;
  latencyHistory: boolean;
  latencyDist: boolean;
  mono: boolean;
  /** --lru-test <keys> (strtoll). */
  lruTest?: number;
  /** --intrinsic-latency <sec> (atoi). */
  intrinsicLatency?: number;
  /** --replica / --slave: redis-cli's replica mode (the reader endpoint is --reader). */
  replicaMode: boolean;
  rdb?: string;
  functionsRdb?: string;
  ldb: boolean;
  ldbSync: boolean;
  clusterManager?: ClusterManagerOptions;
}

export function modeDefaults(): ModeOptions {
  return {
    stat: false, latency: false, latencyHistory: false, latencyDist: false, mono: false, replicaMode: false, ldb: false, ldbSync: false,
  };
}

/** strtoll(s, NULL, 10): leading spaces, sign, digits; 0 when there are none. */
function strtoll(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** Applies one mode switch; false when `key` is not a mode option. */
export function applyModeSwitch(o: ModeOptions, key: string): boolean {
  switch (key) {
    case 'stat': case 'latency': case 'latencyDist': case 'mono': case 'replicaMode':
      o[key] = true;
      return true;
    case 'latencyHistory': o.latency = true; o.latencyHistory = true; return true;
    case 'ldb': o.ldb = true; return true;
    case 'ldbSyncMode': o.ldb = true; o.ldbSync = true; return true;
    default:
      if (!key.startsWith('cluster:')) return false;
      clusterOptions(o).set(key.slice(8), true);
      return true;
  }
}

/** Applies one mode option with a value; false when `key` is not one. */
export function applyModeValue(o: ModeOptions, key: string, value: string): boolean {
  switch (key) {
    case 'lruTest': o.lruTest = strtoll(value); return true;
    case 'intrinsicLatency': o.intrinsicLatency = atoi(value); return true;
    case 'rdb': o.rdb = value; return true;
    case 'functionsRdb': o.functionsRdb = value; return true;
    default:
      if (!key.startsWith('cluster:')) return false;
      clusterOptions(o).set(key.slice(8), value);
      return true;
  }
}

/** The --cluster-* options live with the command; they may come before `--cluster` itself. */
function clusterOptions(o: ModeOptions): Map<string, string | true> {
  o.clusterManager ??= { command: '', args: [], options: new Map() };
  return o.clusterManager.options;
}

export type Usage = (message?: string) => never;

/**
 * `--cluster <cmd> args...` at argv[i]: the arguments are the words up to the first one starting with '-'.
 * Returns the index of the last word consumed. `usage()` (no message) means redis-cli's usage(1).
 */
export function parseClusterCommand(argv: readonly string[], i: number, o: ModeOptions, usage: Usage): number {
  if (i === argv.length - 1 || o.clusterManager?.command) usage();
  const at = i + 1;
  let j = at;
  while (j < argv.length && !argv[j]!.startsWith('-')) j++;
  if (j > at) j--;
  const options = o.clusterManager?.options ?? new Map<string, string | true>();
  o.clusterManager = { command: argv[at]!, args: argv.slice(at + 1, j + 1), options };
  return j;
}

/**
 * In cluster-manager mode a word that is not an option becomes the command's arguments (with the words after it,
 * up to the next option) when it has none yet, and is ignored otherwise, as redis-cli does. Returns the last index used.
 */
export function clusterCommandWords(argv: readonly string[], i: number, o: ModeOptions): number {
  const cm = o.clusterManager!;
  if (cm.args.length > 0) return i;
  let j = i + 1;
  while (j < argv.length && !argv[j]!.startsWith('-')) j++;
  cm.args = argv.slice(i, j);
  return j - 1;
}

/** `--cluster-weight n1=w n2=w`: every following word containing '=' and not starting with "--". Returns the last index. */
export function parseClusterWeight(argv: readonly string[], i: number, o: ModeOptions, usage: Usage): number {
  const options = clusterOptions(o);
  if (options.has('weight')) {
    usage('WARNING: you cannot use --cluster-weight more than once.\nYou can set more weights by adding them as a '
      + 'space-separated list, ie:\n--cluster-weight n1=w n2=w');
  }
  let j = i + 1;
  while (j < argv.length && !argv[j]!.startsWith('--') && argv[j]!.includes('=')) j++;
  if (j > i + 1) options.set('weight', argv.slice(i + 1, j).join(' '));
  return j - 1;
}

/** True while parsing in cluster-manager mode (a --cluster command was given). */
export function inClusterManagerMode(o: ModeOptions): boolean {
  return !!o.clusterManager?.command;
}

/** redis-cli's checks after parsing, in its order and words. */
export function validateModes(o: ModeOptions & { eval?: string }, usage: Usage): void {
  if (o.ldb && o.eval === undefined) {
    usage('Options --ldb and --ldb-sync-mode require --eval.\nTry eredis --help for more information.');
  }
  if (o.functionsRdb !== undefined && o.rdb !== undefined) usage('Option --functions-rdb and --rdb are mutually exclusive.');
}
