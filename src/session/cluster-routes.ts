// Routing by key (cluster batches): a single-key command goes straight to its slot's master over the pool's link to
// it; the slot map is read once, patched by each MOVED and read again once per burst of them (never per command).
import type { Reply } from '../resp/types.js';
import { TunnelError } from '../util/connection-errors.js';
import { Collected } from './collect.js';
import type { Link } from './link.js';
import type { LinkPool } from './link-pool.js';
import { addressOf } from './node-places.js';
import { keySlot, SlotMap, type SlotOwner } from './slot-map.js';
import { AS_IS, HANDSHAKE, type Submission } from './submission.js';

/** Where a key's command goes. */
export interface Route {
  slot: number;
  /** The master's address in the pool; undefined when no tunnel reaches it (the command fails with that line). */
  address: string | undefined;
  host: string;
  port: number;
  /** The master is the session's current node (redis-cli would not be redirected). */
  current: boolean;
}

export interface RoutesHost {
  /** The current node's address. */
  readonly address: string;
}

/** Sends argv on `link` now, ahead of anything the session holds back, and resolves with the reply as it is. */
function ask(link: Link, ...argv: string[]): Promise<Reply> {
  const c = new Collected(argv, AS_IS | HANDSHAKE);
  link.enqueue(c);
  return c.reply;
}

export class ClusterRoutes {
  private readonly map = new SlotMap();
  /** Single-key commands are routed by key (cluster batches). */
  enabled = false;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  /** Each master's address in the pool, or why it cannot be reached. */
  private readonly places = new WeakMap<SlotOwner, string | TunnelError>();

  constructor(private readonly host: RoutesHost, private readonly pool: LinkPool) {}

  /** From now on single-key commands may be routed by key: the slot map is read through the current node. */
  async enable(): Promise<boolean> {
    const link = this.pool.live(this.host.address);
    if (!link) return false;
    const [slots, myid] = await Promise.all([ask(link, 'CLUSTER', 'SLOTS'), ask(link, 'CLUSTER', 'MYID')]);
    if (this.map.load(slots) === undefined || myid.type !== 'bulk') return false;
    link.nodeId = myid.value.toString('latin1');
    // The node given with -h is one of the masters: its link serves both names (one connection per node).
    const me = this.map.masters.find((o) => o.id === link.nodeId);
    if (me) this.pool.alias(addressOf(me), this.host.address);
    this.enabled = true;
    return true;
  }

  /** Where key[start, end) goes; undefined when the map knows no owner for its slot. */
  route(key: Buffer, start: number, end: number): Route | undefined {
    const slot = keySlot(key, start, end);
    const owner = this.enabled ? this.map.ownerOf(slot) : undefined;
    if (!owner) return undefined;
    const place = this.placeOf(owner);
    const address = typeof place === 'string' ? place : undefined;
    return { slot, address, host: owner.host, port: owner.port, current: address === this.host.address };
  }

  /** The routed node for `s` (a key's slot known), or undefined to send it to the current node. */
  addressFor(s: Submission): string | undefined {
    if (!this.enabled || s.slot < 0 || this.pool.live(this.host.address)?.multiSent) return undefined;
    const owner = this.map.ownerOf(s.slot);
    if (!owner) return undefined;
    const place = this.placeOf(owner);
    if (typeof place !== 'string') throw place;
    return place;
  }

  /** A MOVED: the slot is served elsewhere now; the whole map is read again (once for a burst of them). */
  moved(slot: number, host: string, port: number): void {
    if (!this.enabled) return;
    this.map.moved(slot, host, port);
    void this.refresh();
  }

  /** Reads the slot map again from the current node or any other that answers; one read at a time. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = this.read().finally(() => {
      this.refreshing = undefined;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        void this.refresh();
      }
    });
    return this.refreshing;
  }

  private async read(): Promise<void> {
    const current = this.pool.live(this.host.address);
    // Never inside a transaction: the question would be queued in it, and its answer land in EXEC's reply.
    const links = [...(current ? [current] : []), ...this.pool.all().filter((l) => l !== current)].filter((l) => !l.multiSent);
    for (const link of links) {
      const reply = await ask(link, 'CLUSTER', 'SLOTS').catch(() => undefined);
      if (reply && this.map.load(reply) !== undefined) return;
    }
  }

  /**
   * Where the master of `slot` (any master, for -1) is now, asking the nodes the session knows in turn (its open
   * links, then the masters of the last map, then the endpoint) until one answers; undefined when none does.
   */
  async locate(slot: number, home: string): Promise<string | undefined> {
    await this.read();
    if (!this.map.known || this.pool.all().length === 0) {
      const known = [...this.map.masters.map((o) => this.placeOf(o)), home].filter((p): p is string => typeof p === 'string');
      for (const address of new Set(known)) {
        const link = await this.pool.open(address).catch(() => undefined);
        const slots = link && (await ask(link, 'CLUSTER', 'SLOTS').catch(() => undefined));
        if (slots && this.map.load(slots) !== undefined) break;
      }
    }
    const owner = slot >= 0 ? this.map.ownerOf(slot) : this.map.masters.find((o) => typeof this.placeOf(o) === 'string');
    const place = owner && this.placeOf(owner);
    return typeof place === 'string' ? place : undefined;
  }

  private placeOf(owner: SlotOwner): string | TunnelError {
    let place = this.places.get(owner);
    if (place === undefined) {
      try {
        place = this.pool.addressOf(owner.host, owner.port);
      } catch (err) {
        if (!(err instanceof TunnelError)) throw err;
        place = err;
      }
      this.places.set(owner, place);
    }
    return place;
  }
}
