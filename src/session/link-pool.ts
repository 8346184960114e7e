// The session's connections: at most one link per node for its commands (a node may be known by two addresses: the
// endpoint as given and the one the cluster announces), opened on demand through the tunnel rule, flushed together.
import type { ConnectTarget } from '../net/connection.js';
import { ConnectError } from '../util/connection-errors.js';
import type { Link, LinkHost } from './link.js';
import { openLink, type OpenOptions } from './link-open.js';
import { addressOf, type NodePlaces } from './node-places.js';

export class LinkPool {
  private readonly links = new Map<string, Link>();
  private readonly opening = new Map<string, Promise<Link>>();
  private readonly targets = new Map<string, ConnectTarget>();
  /** An address the cluster announces -> the address the session already knows that node by. */
  private readonly aliases = new Map<string, string>();
  private readonly toFlush = new Set<Link>();
  private flushQueued = false;
  private pushReplies = false;

  constructor(readonly places: NodePlaces, private readonly host: LinkHost, private readonly options: () => OpenOptions) {
    this.targets.set(addressOf(places.home), places.home);
  }

  /** The pool's name for host:port (an alias resolved); throws TunnelError for a node no tunnel reaches. */
  addressOf(host: string, port: number): string {
    const raw = addressOf({ host, port });
    const known = this.aliases.get(raw) ?? raw;
    if (!this.targets.has(known)) this.targets.set(known, this.places.place(host, port));
    return known;
  }

  targetOf(address: string): ConnectTarget {
    return this.targets.get(address)!;
  }

  /** From now on `announced` names the node already known as `known`. */
  alias(announced: string, known: string): void {
    if (announced !== known) this.aliases.set(announced, known);
  }

  /** The link the pool has for `address`, open or not. */
  at(address: string): Link | undefined {
    return this.links.get(address);
  }

  live(address: string): Link | undefined {
    const link = this.links.get(address);
    return link && !link.closed ? link : undefined;
  }

  /** Every open link. */
  all(): Link[] {
    return [...new Set(this.links.values())].filter((l) => !l.closed);
  }

  /** The node's link, opened (once, however many ask at the same time) if need be. */
  open(address: string): Promise<Link> {
    const live = this.live(address);
    if (live) return Promise.resolve(live);
    let opening = this.opening.get(address);
    if (!opening) {
      const target = this.targets.get(address);
      opening = target ? this.connect(address, target).then((r) => r.link) : Promise.reject(new ConnectError('unknown node'));
      this.opening.set(address, opening);
      void opening.catch(() => undefined).finally(() => this.opening.delete(address));
    }
    return opening;
  }

  /** A new link to the node at `address` in place of any it had; resolves with whether its handshake failed too. */
  async connect(address: string, target: ConnectTarget): Promise<{ link: Link; failed: boolean }> {
    this.targets.set(address, target);
    const opened = await openLink(address, target, this.options(), this.host);
    opened.link.conn.pushesAsReplies = this.pushReplies;
    const old = this.links.get(address);
    if (old && old !== opened.link) this.close(old);
    this.links.set(address, opened.link);
    return opened;
  }

  /** While subscribed, redis-cli reads RESP3 pushes as replies: on every link, and those opened meanwhile. */
  pushesAsReplies(on: boolean): void {
    this.pushReplies = on;
    for (const link of this.all()) link.conn.pushesAsReplies = on;
  }

  /** Closes the link and forgets it (its commands fail when its socket closes). */
  close(link: Link): void {
    this.forget(link);
    link.conn.close();
  }

  forget(link: Link): void {
    for (const [address, l] of this.links) if (l === link) this.links.delete(address);
    this.toFlush.delete(link);
  }

  closeAll(): void {
    for (const link of this.all()) this.close(link);
    this.links.clear();
  }

  /** The link has commands to write: they go at the next flush(), or at the end of this turn of the event loop. */
  written(link: Link): void {
    this.toFlush.add(link);
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flush());
  }

  flush(): void {
    this.flushQueued = false;
    for (const link of this.toFlush) link.flush();
    this.toFlush.clear();
  }
}
