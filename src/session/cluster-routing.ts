// Cluster batches (-c on stdin): single-key commands go straight to their slot's node, pipelined per node, while the
// output shows the "-> Redirected to slot" lines redis-cli would print following MOVED one command at a time.
import type { Session } from './session.js';
import type { CommandCatalog, CommandArg } from '../commands/catalog.js';
import { keySlot, ownerOf, parseClusterSlots, type SlotOwner } from '../net/cluster-slots.js';

function countKeys(args: readonly CommandArg[] | undefined): number {
  return (args ?? []).reduce((n, a) => n + (a.type === 'key' ? 1 : 0) + countKeys(a.arguments), 0);
}

/** Commands whose only key is their first argument (SET, GET, HSET, LPUSH...): safe to route by argv[1]. */
export function singleKeyCommands(catalog: CommandCatalog): Set<string> {
  const names = new Set<string>();
  for (const doc of catalog.entries) {
    const first = doc.arguments?.[0];
    if (doc.words.length !== 1 || !first || first.type !== 'key') continue;
    if ((first.flags ?? []).some((f) => f === 'optional' || f === 'multiple') || countKeys(doc.arguments) !== 1) continue;
    names.add(doc.words[0].toLowerCase());
  }
  return names;
}

export interface Route {
  session: Session;
  owner: SlotOwner;
  slot: number;
}

export class ClusterRouting {
  /** One connection per master for routed commands; the main session keeps redis-cli's own path. */
  private readonly sessions = new Map<string, Session>();
  /** Masters that stopped answering (their connection broke, or would not open). */
  private readonly down = new Set<string>();

  private constructor(
    private readonly main: Session,
    private owners: SlotOwner[],
    /** The node redis-cli would be connected to now (it follows every MOVED). */
    public current: string,
  ) {}

  /** Reads the slot map through the session's node; undefined when the server will not say (then: one at a time). */
  static async open(main: Session): Promise<ClusterRouting | undefined> {
    if (!main.connected) return undefined;
    const [slots, myid] = await Promise.all([main.conn!.send(['CLUSTER', 'SLOTS']), main.conn!.send(['CLUSTER', 'MYID'])]);
    const owners = parseClusterSlots(slots);
    if (owners.length === 0 || myid.type !== 'bulk') return undefined;
    return new ClusterRouting(main, owners, myid.value.toString('latin1'));
  }

  /**
   * Where a single-key command whose key is key[start, end) goes: the master of its slot, on a connection of its own.
   * Undefined when the slot map knows no owner. Throws ConnectError for a node outside --via's tunnels.
   */
  routeKey(key: Buffer, start: number, end: number): Route | undefined {
    const slot = keySlot(key, start, end);
    const owner = ownerOf(this.owners, slot);
    if (!owner) return undefined;
    let session = this.sessions.get(owner.id);
    if (!session) {
      session = this.main.sibling(owner.host, owner.port);
      this.sessions.set(owner.id, session);
    }
    return { session, owner, slot };
  }

  /** Whether the route's node stopped answering: its connection broke, or could not be opened. */
  isDown(route: Route): boolean {
    if (this.down.has(route.owner.id)) return true;
    if (route.session.conn?.closed) this.down.add(route.owner.id);
    return this.down.has(route.owner.id);
  }

  /** Connects the route's session if need be; false (and the node counts as down) when it cannot. Prints nothing. */
  async reach(route: Route): Promise<boolean> {
    if (this.isDown(route)) return false;
    if (route.session.connected) return true;
    try {
      await route.session.connect();
      return true;
    } catch {
      this.down.add(route.owner.id);
      return false;
    }
  }

  /** Reads the slot map again from any node still answering; true when it changed (a replica may have taken over). */
  async refresh(): Promise<boolean> {
    const sessions = [this.main, ...this.sessions.values()].filter((s) => s.connected);
    for (const s of sessions) {
      const owners = parseClusterSlots(await s.conn!.send(['CLUSTER', 'SLOTS']).catch(() => ({ type: 'null' as const })));
      if (owners.length === 0) continue;
      const changed = JSON.stringify(owners) !== JSON.stringify(this.owners);
      this.owners = owners;
      for (const id of this.down) if (!owners.some((o) => o.id === id)) this.down.delete(id);
      return changed;
    }
    return false;
  }

  /** Before a command runs alone: put the main session on the node redis-cli would be on. */
  async alignMain(): Promise<void> {
    const owner = this.owners.find((o) => o.id === this.current);
    if (!owner || (this.main.target.host === owner.host && this.main.target.port === owner.port)) return;
    this.main.target = { ...this.main.target, socket: undefined, servername: undefined, host: owner.host, port: owner.port, via: this.main.opts.viaFor?.(owner.host, owner.port) };
    await this.main.connect();
  }

  /** After a command ran alone (it may have followed redirects): the node the main session ended on. */
  syncFromMain(): void {
    const t = this.main.target;
    const owner = this.owners.find((o) => o.host === t.host && o.port === t.port);
    if (owner) this.current = owner.id;
  }

  close(): void {
    for (const s of this.sessions.values()) s.close();
  }
}
