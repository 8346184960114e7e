// A batch that loses a node keeps going: commands for it wait in their place until a replica has taken over (the
// cluster's slot map read again, or ElastiCache asked again for a -g primary), then go to the new node; after a
// bounded wait they are given up, one line each. Commands for the same slot never overtake each other.
import { ConnectError, NotSentError, TunnelError } from '../util/connection-errors.js';
import type { Dispatch } from './dispatch.js';
import type { Link } from './link.js';
import type { LinkPool } from './link-pool.js';
import { answersPing } from './node-probe.js';
import type { Submission } from './submission.js';

export interface FailoverHost {
  /** Looks again at where commands go (the slot map, or the endpoint); called once per retry round. */
  refresh(): Promise<void>;
  addressFor(s: Submission): string;
  /** The node's link, opened if need be; undefined while it is still down (see reachAgain). */
  reach(address: string): Promise<Link | undefined>;
  /** The current node's address (named when a -g primary does not come back). */
  current(): string;
}

/**
 * The node's link for commands that waited for it, once it is back. A node that stopped answering must answer a
 * PING first: a stopped process still has its kernel accept connections, and a link that only seems open would
 * swallow them.
 */
export async function reachAgain(address: string, pool: LinkPool, dispatch: Dispatch): Promise<Link | undefined> {
  if (dispatch.downFor(address) && !(await answersPing(pool.targetOf(address), 2000))) return undefined;
  return pool.open(address).then((link) => {
    dispatch.markUp(address);
    return link;
  }, () => undefined);
}

/** The line for a command given up after the wait. */
function givenUp(s: Submission, waitedMs: number, current: string): string {
  const seconds = Math.round(waitedMs / 1000);
  return s.slot >= 0
    ? `eredis: no node took over slot ${s.slot} within ${seconds}s: not sent`
    : `eredis: ${current} did not come back within ${seconds}s: not sent`;
}

const RETRY_MS = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FailoverWait {
  private readonly parked: Submission[] = [];
  private readonly slots = new Map<number, number>();
  private running: Promise<void> | undefined;
  /** A node was lost (a summary says so at the end). */
  nodeLost = false;

  constructor(private readonly host: FailoverHost, private readonly waitMs: number) {}

  /** Parks `s` when commands for its slot (or, for -1, any command) are already waiting: it must not overtake them. */
  waits(s: Submission): boolean {
    if ((this.slots.get(s.slot) ?? 0) === 0 && !(s.slot < 0 && this.parked.length > 0)) return false;
    this.add(s);
    return true;
  }

  /** Parks `s`, whose node would not open; false for a failure no takeover can mend (a node outside the tunnels). */
  park(s: Submission, err: Error): boolean {
    if (!(err instanceof ConnectError) || err instanceof TunnelError) return false;
    this.add(s);
    return true;
  }

  /** Gives up every parked command at once (the session is closing). */
  cancel(err: Error): void {
    for (const s of this.parked.splice(0)) s.fail(err);
    this.slots.clear();
  }

  private add(s: Submission): void {
    this.nodeLost = true;
    this.parked.push(s);
    this.slots.set(s.slot, (this.slots.get(s.slot) ?? 0) + 1);
    this.running ??= this.retry().finally(() => { this.running = undefined; });
  }

  private async retry(): Promise<void> {
    const since = Date.now();
    while (this.parked.length > 0) {
      await this.host.refresh().catch(() => undefined);
      const down = new Set<string>();
      for (let i = 0; i < this.parked.length;) {
        const s = this.parked[i]!;
        // An earlier command of the same slot still waiting keeps this one waiting too.
        const earlier = this.parked.slice(0, i).some((p) => p.slot === s.slot);
        const link = earlier ? undefined : await this.reach(s, down);
        if (this.parked[i] !== s) break; // given up meanwhile (the session is closing)
        if (link) {
          this.release(i);
          link.enqueue(s);
        } else {
          i++;
        }
      }
      if (this.parked.length === 0) break;
      const waited = Date.now() - since;
      if (waited >= this.waitMs) {
        while (this.parked.length > 0) {
          const s = this.parked[0]!;
          this.release(0);
          s.fail(new NotSentError(givenUp(s, waited, this.host.current())));
        }
        break;
      }
      await sleep(RETRY_MS);
    }
  }

  private async reach(s: Submission, down: Set<string>): Promise<Link | undefined> {
    let address: string;
    try {
      address = this.host.addressFor(s);
    } catch {
      return undefined;
    }
    if (down.has(address)) return undefined;
    const link = await this.host.reach(address);
    if (!link) down.add(address);
    return link;
  }

  private release(i: number): void {
    const [s] = this.parked.splice(i, 1);
    this.slots.set(s!.slot, this.slots.get(s!.slot)! - 1);
  }
}
