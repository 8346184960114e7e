// --cluster check/info: the cluster as redis-cli's clusterManagerLoadInfoFromNode sees it, from the entry node out.
import type { ModeIO } from '../../output/fd-output.js';
import type { Reply } from '../../resp/types.js';
import type { Session } from '../../session/session.js';
import { infoField } from './stat-row.js';

const COLORS = { info: '29;1m', warn: '33;1m', err: '31;1m', ok: '32;1m' } as const;

export class ClusterLog {
  constructor(private readonly io: ModeIO, private readonly colors: boolean) {}

  private log(level: keyof typeof COLORS, text: string): void {
    this.io.out.write(this.colors ? `\x1b[${COLORS[level]}${text}\x1b[0m` : text);
  }

  info(text: string): void { this.log('info', text); }
  warn(text: string): void { this.log('warn', text); }
  err(text: string): void { this.log('err', text); }
  ok(text: string): void { this.log('ok', text); }

  /** CLUSTER_MANAGER_PRINT_REPLY_ERROR. */
  replyError(node: { ip: string; port: number }, err: string): void {
    this.err(`Node ${node.ip}:${node.port} replied with error:\n${err}\n`);
  }

  /** Plain stdout text (printf). */
  print(text: string): void {
    this.io.out.write(text);
  }

  /** One line on stderr (connection failures). */
  warnLine(line: string): void {
    this.io.warn(line);
  }
}

/** isColorTerm(): TERM contains "xterm" (not a tty check). */
export function isColorTerm(term: string | undefined): boolean {
  return (term ?? '').includes('xterm');
}

export const SLOTS = 16384;

export interface CmNode {
  ip: string;
  port: number;
  /** The hostname a node announces (`ip:port@bus,hostname`): connected to, so TLS can verify it; `ip` is printed. */
  hostname?: string;
  session: Session;
  name?: string;
  /** The node's own flags (its `myself` line), in order. */
  flags: string[];
  /** Flags seen from any view so far (redis-cli ORs them together): slave, fail, noaddr, disconnected. */
  seen: Set<string>;
  replicate?: string;
  slots: Uint8Array;
  slotsCount: number;
  /** Open slots: [slot, other node id]. */
  migrating: Array<[string, string]>;
  importing: Array<[string, string]>;
  replicasCount: number;
}

export const isReplica = (n: CmNode) => n.seen.has('slave');

function newNode(ip: string, port: number, session: Session): CmNode {
  return {
    ip, port, session, flags: [], seen: new Set(), slots: new Uint8Array(SLOTS), slotsCount: 0, migrating: [], importing: [],
    replicasCount: 0,
  };
}

/** A command on a node; undefined when the connection is gone (hiredis's NULL reply). */
export async function nodeCommand(node: CmNode, ...words: string[]): Promise<Reply | undefined> {
  try {
    return await node.session.execute(words.map((w) => Buffer.from(w)));
  } catch {
    return undefined;
  }
}

const textOf = (r: Reply | undefined) => (r && (r.type === 'bulk' || r.type === 'verbatim') ? r.value.toString('latin1') : '');

/** parseClusterNodeAddress: ip:port[@bus] (split at the last '@', then the last ':'). */
export function parseAddress(addr: string): { ip: string; port: number } | undefined {
  const at = addr.lastIndexOf('@');
  const hostPort = at >= 0 ? addr.slice(0, at) : addr;
  const colon = hostPort.lastIndexOf(':');
  if (colon < 0) return undefined;
  return { ip: hostPort.slice(0, colon), port: Number.parseInt(hostPort.slice(colon + 1), 10) || 0 };
}

/** The myself line's slots: ranges, single slots, and [slot->-id] / [slot-<-id] open slots. */
function loadSlots(node: CmNode, defs: string[]): void {
  node.slots.fill(0);
  node.slotsCount = 0;
  for (const def of defs) {
    if (def.startsWith('[')) {
      const body = def.slice(1).replace(/]$/, '');
      const mig = body.indexOf('->-');
      const imp = body.indexOf('-<-');
      if (mig >= 0) node.migrating.push([body.slice(0, mig), body.slice(mig + 3)]);
      else if (imp >= 0) node.importing.push([body.slice(0, imp), body.slice(imp + 3)]);
    } else if (def.includes('-')) {
      const [a, b] = def.split('-').map((x) => Number.parseInt(x, 10) || 0) as [number, number];
      node.slotsCount += b - (a - 1);
      for (let s = a; s <= b; s++) node.slots[s] = 1;
    } else if (def !== '') {
      node.slots[Number.parseInt(def, 10) || 0] = 1;
      node.slotsCount++;
    }
  }
}

/** clusterManagerNodeLoadInfo: the node's own line, and (entry node) the other nodes as friends. */
async function loadInfo(node: CmNode, friends: CmNode[] | undefined, log: ClusterLog): Promise<{ ok: boolean; err?: string }> {
  const reply = await nodeCommand(node, 'CLUSTER', 'NODES');
  if (!reply) return { ok: false };
  if (reply.type === 'error') return { ok: false, err: reply.value.toString('latin1') };
  for (const line of textOf(reply).split('\n').slice(0, -1)) {
    const tokens = line.split(' ');
    const [name, addr, flags = '', masterId] = tokens;
    if (tokens.length < 3) return { ok: false };
    const address = parseAddress(addr ?? '');
    if (!address) {
      log.warnLine('Error: invalid CLUSTER NODES reply');
      return { ok: false };
    }
    const myself = flags.includes('myself');
    let current: CmNode;
    if (myself) {
      current = node;
      loadSlots(node, tokens.slice(8));
    } else if (!friends) {
      continue;
    } else {
      current = newNode(address.ip, address.port, node.session);
      current.hostname = (addr ?? '').split(',')[1] || undefined;
      friends.push(current);
    }
    current.name = name;
    current.flags = flags.split(',').filter((f) => f !== '');
    for (const f of current.flags) {
      if (['noaddr', 'disconnected', 'fail', 'slave'].includes(f)) current.seen.add(f);
      if (f === 'slave' && masterId !== undefined) current.replicate = masterId;
    }
    if (!friends && myself) break;
  }
  return { ok: true };
}

/**
 * Connects to the entry node, checks it is a cluster node, and loads every reachable node (entry first, then the
 * others in CLUSTER NODES order). Returns undefined after printing why when that fails, as redis-cli does.
 */
export async function loadCluster(entry: Session, ip: string, port: number, log: ClusterLog): Promise<CmNode[] | undefined> {
  if (!(await entry.ensureConnected())) return undefined;
  const node = newNode(ip, port, entry);
  const info = await nodeCommand(node, 'INFO');
  const err = info?.type === 'error' ? info.value.toString('latin1') : undefined;
  const enabled = Number.parseInt(infoField(textOf(info), 'cluster_enabled') ?? '0', 10) || 0;
  if (!enabled) {
    log.err(`[ERR] Node ${ip}:${port} ${err ?? 'is not configured as a cluster node.'}\n`);
    return undefined;
  }
  const friends: CmNode[] = [];
  const loaded = await loadInfo(node, friends, log);
  if (!loaded.ok) {
    if (loaded.err) log.replyError(node, loaded.err);
    return undefined;
  }
  const nodes = [node];
  for (const friend of friends) {
    if (!friend.port) continue;
    try {
      friend.session = entry.nodeSession(friend.hostname ?? friend.ip, friend.port);
    } catch (e) {
      log.warnLine(`Could not connect to Redis at ${friend.ip}:${friend.port}: ${(e as Error).message}`);
      continue;
    }
    if (!(await friend.session.ensureConnected())) continue;
    const own = await loadInfo(friend, undefined, log);
    if (!own.ok) {
      log.err(`[ERR] Unable to load info for node ${friend.ip}:${friend.port}\n`);
      friend.session.close();
      continue;
    }
    if (['noaddr', 'disconnected', 'fail'].some((f) => friend.seen.has(f))) {
      friend.session.close();
      continue;
    }
    nodes.push(friend);
  }
  for (const n of nodes) {
    if (n.replicate === undefined) continue;
    const master = nodes.find((m) => m.name !== undefined && m.name === n.replicate!.toLowerCase());
    if (master) master.replicasCount++;
    else log.warn(`*** WARNING: ${n.ip}:${n.port} claims to be slave of unknown node ID ${n.replicate}.\n`);
  }
  return nodes;
}
