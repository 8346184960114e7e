// --cluster: redis-cli's Cluster Manager. check and info run as redis-cli's; help prints its table; the rest is refused.
import type { ModeIO } from '../../output/fd-output.js';
import type { Session } from '../../session/session.js';
import { ClusterLog, loadCluster } from './cluster-load.js';
import { checkCluster, showClusterInfo } from './cluster-report.js';

const HOST_ARGS = '<host:port> or <host> <port> - separated by either colon or space';

/** clusterManagerCommands: name, arity (negative: at least), args text, options. */
const COMMANDS: ReadonlyArray<[string, number, string | null, string | null]> = [
  ['create', -2, 'host1:port1 ... hostN:portN', 'replicas <arg>'],
  ['check', -1, HOST_ARGS, 'search-multiple-owners'],
  ['info', -1, HOST_ARGS, null],
  ['fix', -1, HOST_ARGS, 'search-multiple-owners,fix-with-unreachable-masters'],
  ['reshard', -1, HOST_ARGS, 'from <arg>,to <arg>,slots <arg>,yes,timeout <arg>,pipeline <arg>,replace'],
  ['rebalance', -1, HOST_ARGS, 'weight <node1=w1...nodeN=wN>,use-empty-masters,timeout <arg>,simulate,pipeline <arg>,threshold <arg>,replace'],
  ['add-node', 2, 'new_host:new_port existing_host:existing_port', 'slave,master-id <arg>'],
  ['del-node', 2, 'host:port node_id', null],
  ['call', -2, 'host:port command arg arg .. arg', 'only-masters,only-replicas'],
  ['set-timeout', 2, 'host:port milliseconds', null],
  ['import', 1, 'host:port', 'from <arg>,from-user <arg>,from-pass <arg>,from-askpass,copy,replace'],
  ['backup', 2, 'host:port backup_directory', null],
  ['help', 0, null, null],
];

const LAYOUT = 'which ElastiCache does not allow (change shards and nodes with the ElastiCache console or API)';

/** Why eredis does not run the other subcommands: one line each. */
const REFUSED: Record<string, string> = {
  create: `creates a cluster from nodes, ${LAYOUT}`, fix: `reassigns slots, ${LAYOUT}`, reshard: `moves slots between shards, ${LAYOUT}`,
  rebalance: `moves slots between shards, ${LAYOUT}`, 'add-node': `adds a node to the cluster, ${LAYOUT}`,
  'del-node': `removes a node from the cluster, ${LAYOUT}`,
  'set-timeout': 'changes cluster-node-timeout with CONFIG SET, which ElastiCache does not allow',
  import: 'moves keys in with MIGRATE, which ElastiCache does not allow',
  backup: "copies each node's RDB through SYNC, which ElastiCache does not allow (use ElastiCache backups)",
  call: 'is not supported (send the command with -c, or to one node with -h/-p)',
};

/** The `--cluster help` text (clusterManagerCommandHelp), byte for byte. */
export function clusterHelp(): string {
  let text = 'Cluster Manager Commands:\n';
  for (const [name, , args, options] of COMMANDS) {
    text += `  ${name}${' '.repeat(Math.max(0, 15 - name.length))}${args ?? ''}\n`;
    for (const opt of options ? options.split(',') : []) text += `${' '.repeat(15)}  --cluster-${opt}\n`;
  }
  text += '\nFor check, fix, reshard, del-node, set-timeout, info, rebalance, call, import, backup you can specify the host '
    + 'and port of any working node in the cluster.\n';
  text += '\nCluster Manager Options:\n';
  text += `  --cluster-yes${' '.repeat(15 - 13)}Automatic yes to cluster commands prompts\n`;
  return `${text}\n`;
}

/** validateClusterManagerCommand: the stderr line for an unknown name or a wrong argument count, else undefined. */
export function validateClusterCommand(name: string, argc: number): string | undefined {
  const def = COMMANDS.find(([n]) => n === name);
  if (!def) return 'Unknown --cluster subcommand';
  const arity = def[1];
  if ((arity > 0 && argc !== arity) || (arity < 0 && argc < -arity)) {
    return '[ERR] Wrong number of arguments for specified --cluster sub command';
  }
  return undefined;
}

/** getClusterHostFromCmdArgs: "ip:port[@bus]" or "ip port"; undefined when there is no ip or the port is 0. */
export function clusterHostArgs(args: string[]): { ip: string; port: number } | undefined {
  let ip: string | undefined;
  let port = 0;
  if (args.length === 1) {
    const addr = args[0]!;
    const at = addr.lastIndexOf('@');
    const hostPort = at >= 0 ? addr.slice(0, at) : addr;
    const colon = hostPort.lastIndexOf(':');
    if (colon < 0) return undefined;
    ip = hostPort.slice(0, colon);
    port = Number.parseInt(hostPort.slice(colon + 1), 10) || 0;
  } else {
    ip = args[0];
    port = Number.parseInt(args[1] ?? '', 10) || 0;
  }
  return ip !== undefined && port ? { ip, port } : undefined;
}

const INVALID_HOST = '[ERR] Invalid arguments: you need to pass either a valid address (ie. 120.0.0.1:7000) or space '
  + 'separated IP and port (ie. 120.0.0.1 7000)';

export interface ClusterManagerRun {
  command: string;
  args: string[];
  options: Map<string, string | true>;
  /** A session to any node: entry nodes are its siblings (same TLS, credentials, tunnels). */
  session: Session;
  colors: boolean;
}

/** Runs the subcommand; returns the exit code (redis-cli exits 1 after `--cluster help`, too). */
export async function runClusterManager(run: ClusterManagerRun, io: ModeIO): Promise<number> {
  const invalid = validateClusterCommand(run.command, run.args.length);
  if (invalid) return io.warn(invalid), 1;
  if (run.command === 'help') return io.out.write(clusterHelp()), 1;
  if (run.command !== 'check' && run.command !== 'info') {
    io.warn(`eredis: --cluster ${run.command} ${REFUSED[run.command]}; eredis runs only --cluster check and --cluster info`);
    return 1;
  }
  const host = clusterHostArgs(run.args);
  if (!host) return io.warn(INVALID_HOST), 1;
  const log = new ClusterLog(io, run.colors);
  let entry: Session;
  try {
    entry = run.session.nodeSession(host.ip, host.port);
  } catch (err) {
    return io.warn(`Could not connect to Redis at ${host.ip}:${host.port}: ${(err as Error).message}`), 1;
  }
  const nodes = await loadCluster(entry, host.ip, host.port, log);
  if (!nodes) return 1;
  try {
    await showClusterInfo(nodes, log);
    if (run.command === 'info') return 0;
    return (await checkCluster(nodes, log, run.options.has('search-multiple-owners'))) ? 0 : 1;
  } finally {
    for (const n of nodes) n.session.close();
  }
}
