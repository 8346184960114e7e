// The one submit path: each command goes to its node's link at once, unless the session is in the middle of
// something (a redirect's target being opened, a password being looked up, a failover): then commands wait, in the
// order they came, and go out when it is over. Commands for a node that is down wait for a replica (FailoverWait).
import { ConnectError, ConnectionLostError, NotSentError } from '../util/connection-errors.js';
import type { Link } from './link.js';
import type { Submission } from './submission.js';

/** What dispatch needs of the session. */
export interface DispatchHost {
  /** The node `s` goes to now: its redirect target, its slot's master (routed), or the current node. */
  addressFor(s: Submission): string;
  /** The open link to that node, if there is one. */
  live(address: string): Link | undefined;
  /** Opens a link to the node (throws ConnectError, TunnelError among them, or ConnectionLostError). */
  open(address: string): Promise<Link>;
  /** The line for a command that could not be sent because its node could not be reached. */
  notReached(address: string, err: Error): string;
  /** A node is down (it would not open): true when `s` waits for one to take over (batches) instead of failing. */
  park?(s: Submission, err: Error): boolean;
  /** True when `s` must wait behind commands already waiting for a node to take over (then it waits too). */
  waits?(s: Submission): boolean;
}

/** How long a node that would not open is taken as down before it is tried again. */
const UNREACHABLE_MS = 250;

export class Dispatch {
  /** Commands waiting for a hold to end, in order (a plain array: this is the rare path). */
  private held: Submission[] = [];
  private holds = 0;
  /** Links whose barrier command a hold waits for. */
  private readonly barriers = new Set<Link>();
  /** Bumped by cancel(): holds begun before it no longer count when they end. */
  private generation = 0;
  /** Nodes that would not open lately: commands for them fail (or park) at once instead of trying again. */
  private readonly unreachable = new Map<string, { err: Error; until: number }>();

  constructor(private readonly host: DispatchHost) {}

  /** Whether commands are waiting (new ones then queue behind them). */
  get holding(): boolean {
    return this.holds > 0 || this.held.length > 0;
  }

  submit(s: Submission): void {
    if (this.holding || !this.route(s)) this.held.push(s);
  }

  /** `s` goes out again once the holds are over (a redirect, a fresh AUTH), in order with everything held. */
  again(s: Submission): void {
    this.held.push(s);
    this.release();
  }

  /** Commands older than any held now (kept back by a connection that was given up): they go first, in order. */
  againFirst(list: Submission[]): void {
    this.held.unshift(...list);
    this.release();
  }

  /** New commands wait until `work` is over (settled either way). */
  hold(work: Promise<unknown>): void {
    const generation = this.generation;
    this.holds++;
    void work.catch(() => undefined).finally(() => {
      if (generation !== this.generation) return;
      this.holds--;
      this.release();
    });
  }

  /** New commands wait until everything in flight on `link` now is answered (redirected ones are sent in order). */
  holdBehind(link: Link): void {
    if (this.barriers.has(link) || !link.holdUntilAnswered()) return;
    this.barriers.add(link);
    this.holds++;
  }

  /** A link's barrier command is settled. */
  passed(link: Link): void {
    if (!this.barriers.delete(link)) return;
    this.holds--;
    this.release();
  }

  /** The node at `address` stopped answering: for `ms`, commands for it wait for a takeover or fail at once. */
  markDown(address: string, err: Error, ms: number): void {
    this.unreachable.set(address, { err, until: performance.now() + ms });
  }

  /** Why the node at `address` counts as down now, if it does. */
  downFor(address: string): Error | undefined {
    const down = this.unreachable.get(address);
    return down && performance.now() < down.until ? down.err : undefined;
  }

  /** The node at `address` answers again. */
  markUp(address: string): void {
    this.unreachable.delete(address);
  }

  /** Gives up every command still waiting, and every hold (Ctrl-C, or the session closing). */
  cancel(err: Error): void {
    this.generation++;
    this.holds = 0;
    this.barriers.clear();
    for (const s of this.held.splice(0)) s.fail(err);
  }

  private release(): void {
    if (this.holds > 0) return;
    while (this.holds === 0 && this.held.length > 0) {
      const s = this.held.shift()!;
      if (!this.route(s)) {
        this.held.unshift(s);
        return;
      }
    }
  }

  /** Sends `s` on its node's link; false when it must wait for that link to open (a hold began). */
  private route(s: Submission): boolean {
    let address: string;
    try {
      address = this.host.addressFor(s);
    } catch (err) {
      return this.notReached(s, '', err as Error); // a node outside the tunnels (TunnelError)
    }
    if (this.host.waits?.(s)) return true;
    const link = this.host.live(address);
    if (link) {
      s.to = undefined;
      link.enqueue(s);
      return true;
    }
    const failed = this.unreachable.get(address);
    if (failed && performance.now() < failed.until) {
      return this.host.park?.(s, failed.err) || this.notReached(s, address, failed.err);
    }
    this.hold(this.host.open(address).then(() => { this.unreachable.delete(address); }, (err: unknown) => {
      this.unreachable.set(address, { err: err as Error, until: performance.now() + UNREACHABLE_MS });
    }));
    return false;
  }

  private notReached(s: Submission, address: string, err: Error): true {
    s.to = undefined;
    const known = err instanceof ConnectError || err instanceof ConnectionLostError;
    s.fail(new NotSentError(known ? this.host.notReached(address, err) : `eredis: ${err.message}`));
    return true;
  }
}
