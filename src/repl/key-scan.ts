// Key names for TAB from the server: one bounded SCAN page (MATCH prefix*, COUNT 1000, ~150 ms) on the node the shell
// uses, or on every master of a cluster, each over a quiet connection of its own (the shell's may be in MULTI).
import type { Reply } from '../resp/types.js';
import { clusterNodes } from '../session/cluster-nodes.js';
import type { Session } from '../session/session.js';
import { formatAddress } from '../util/host-port.js';
import { prefixPattern } from './key-candidates.js';

export interface ScanResult {
  /** Key names as byte strings (one char per byte). */
  names: string[];
  /** Every node answered with cursor 0: these are all the keys with that prefix. */
  complete: boolean;
}

export interface KeyScanOptions {
  /** How long one node's SCAN may take (default 150 ms). */
  budgetMs?: number;
  /** SCAN's COUNT (default 1000). */
  count?: number;
  /** How long opening a connection may take (default: the session's connect timeout, at most 3 s). */
  connectMs?: number;
}

interface Node {
  /** The node (undefined: the one the shell is on). */
  at?: { host: string; port: number };
  session?: Session;
  /** After a failure, the node is left alone until then (ms since the epoch). */
  retryAt: number;
}

const TIMEOUT = Symbol('timeout');

export class KeyScanner {
  /** The nodes to ask, and the main session's address(es) they were found for. */
  private nodes: Node[] = [];
  private basis = new Set<string>();
  private readonly budgetMs: number;
  private readonly count: string;
  private readonly connectMs: number;

  constructor(private readonly main: Session, o: KeyScanOptions = {}) {
    this.budgetMs = o.budgetMs ?? 150;
    this.count = String(o.count ?? 1000);
    this.connectMs = o.connectMs ?? Math.min(main.timeoutMs, 3000);
  }

  /** Names starting with `prefix` (bytes) from every node that answers in time; never throws, prints nothing. */
  async scan(prefix: Buffer): Promise<ScanResult> {
    const nodes = await this.currentNodes();
    const pattern = prefixPattern(prefix);
    const db = this.main.cluster ? 0 : this.main.state.db;
    const pages = await Promise.all(nodes.map((n) => this.scanNode(n, pattern, db)));
    const names = pages.flatMap((p) => p?.names ?? []);
    return { names, complete: pages.length > 0 && pages.every((p) => p?.done === true) };
  }

  /** Closes every connection this opened. */
  close(): void {
    for (const n of this.nodes) n.session?.close();
    this.nodes = [];
    this.basis.clear();
  }

  /** The node the shell uses; with -c every master, found with CLUSTER NODES once per cluster. */
  private async currentNodes(): Promise<Node[]> {
    if (this.basis.has(this.main.address)) return this.nodes;
    this.close();
    const here: Node = { retryAt: 0 };
    this.nodes = [here];
    this.basis.add(this.main.address);
    if (!this.main.cluster) return this.nodes;
    const found = await this.withHelper(here, this.connectMs + this.budgetMs, (s) => clusterNodes(s)).catch(() => undefined);
    const masters = (found === TIMEOUT ? undefined : found)
      ?.filter((n) => n.role === 'master' && n.slots.length > 0 && !n.unusable);
    if (!masters) return this.nodes;
    const nodes: Node[] = [];
    for (const m of masters) {
      if (m.myself) {
        nodes.push(here);
        continue;
      }
      // Under --via, a node without a --via-map entry is never connected to: its keys are not offered.
      if (this.main.reaches(m.host, m.port)) nodes.push({ at: { host: m.host, port: m.port }, retryAt: 0 });
    }
    this.nodes = nodes;
    for (const n of nodes) if (n.at) this.basis.add(formatAddress(n.at.host, n.at.port));
    return nodes;
  }

  private async scanNode(node: Node, pattern: Buffer, db: number): Promise<{ names: string[]; done: boolean } | undefined> {
    if (Date.now() < node.retryAt) return undefined;
    const limit = this.budgetMs + (node.session?.connected ? 0 : this.connectMs);
    try {
      const reply = await this.withHelper(node, limit, async (s) => {
        if (s.state.db !== db) await s.execute([Buffer.from('SELECT'), Buffer.from(String(db))]);
        return s.execute(['SCAN', '0', 'MATCH', pattern, 'COUNT', this.count].map((a) => Buffer.from(a)));
      });
      if (reply === TIMEOUT) return undefined;
      return scanPage(reply);
    } catch {
      node.retryAt = Date.now() + 5000;
      return undefined;
    }
  }

  /** Runs `work` on the node's own quiet session (connected first), giving up (and closing it) after `limitMs`. */
  private async withHelper<T>(node: Node, limitMs: number, work: (s: Session) => Promise<T>): Promise<T | typeof TIMEOUT> {
    const s = (node.session ??= this.helper(node));
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<typeof TIMEOUT>((resolve) => { timer = setTimeout(() => resolve(TIMEOUT), limitMs); });
    const run = (async () => {
      if (!s.connected) await s.connect();
      return work(s);
    })();
    // After a timeout nobody awaits it: a connection it still opens is closed at once.
    run.then(() => { if (node.session !== s) s.close(); }, () => s.close());
    try {
      const result = await Promise.race([run, expired]);
      if (result === TIMEOUT) this.drop(node);
      return result;
    } catch (err) {
      this.drop(node);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private drop(node: Node): void {
    node.session?.close();
    node.session = undefined;
  }

  /** A session like the shell's (TLS, credentials, tunnel) that prints nothing, follows nothing and asks nothing. */
  private helper(node: Node): Session {
    const o = { timeoutMs: this.connectMs, quiet: true, db: this.main.cluster ? 0 : this.main.state.db, resp3: false };
    return node.at ? this.main.nodeSession(node.at.host, node.at.port, o) : this.main.nodeSessionHere(o);
  }
}

/** `SCAN` reply: [cursor, [name...]]; undefined for an error (NOPERM, a stale cluster map...). */
function scanPage(reply: Reply): { names: string[]; done: boolean } | undefined {
  if (reply.type !== 'array' || reply.items.length !== 2) return undefined;
  const [cursor, list] = reply.items;
  if (cursor!.type !== 'bulk' || (list!.type !== 'array' && list!.type !== 'set')) return undefined;
  const names = list!.items.flatMap((r) => (r.type === 'bulk' ? [r.value.toString('latin1')] : []));
  return { names, done: cursor!.value.toString('latin1') === '0' };
}
