// A batch that loses a node keeps going: lines for it wait in their place until a replica has taken over (the cluster's
// slot map read again, or ElastiCache asked again for a -g primary), then go to the new node; after a bounded wait
// they are given up, one error line each. Lines for the same slot never overtake each other.
import type { Connection } from '../net/connection.js';
import type { CommandPipeline } from '../session/command-pipeline.js';
import type { Entry } from '../session/pipeline-entry.js';

export interface ParkedLine {
  entry: Entry;
  argv: Buffer[];
  /** The key's slot (cluster), or -1. */
  slot: number;
}

export interface FailoverTarget {
  /** Looks again at where lines go (the slot map, or the endpoint); called once per retry round. */
  refresh(): Promise<void>;
  /** A live connection for this line now, or undefined while its node is still down. */
  connectionFor(line: ParkedLine): Promise<Connection | undefined>;
  /** The error line for a line given up after the wait. */
  givenUp(line: ParkedLine, waitedMs: number): string;
}

const RETRY_MS = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FailoverWait {
  private readonly parked: ParkedLine[] = [];
  private readonly slots = new Map<number, number>();
  private running: Promise<void> | undefined;
  /** A node was lost during the batch (the summary and exit code say so). */
  nodeLost = false;

  constructor(private readonly pipeline: CommandPipeline, private readonly target: FailoverTarget, private readonly waitMs: number) {}

  /** Whether a line for this slot must wait behind lines already waiting for it. */
  holds(slot: number): boolean {
    return (this.slots.get(slot) ?? 0) > 0 || (slot < 0 && this.parked.length > 0);
  }

  park(argv: Buffer[], flags: number, slot: number): void {
    this.nodeLost = true;
    this.parked.push({ entry: this.pipeline.park(argv, flags), argv, slot });
    this.slots.set(slot, (this.slots.get(slot) ?? 0) + 1);
    this.running ??= this.retry().finally(() => { this.running = undefined; });
  }

  /** Resolves once nothing waits any more. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async retry(): Promise<void> {
    const since = Date.now();
    while (this.parked.length > 0) {
      await this.target.refresh().catch(() => undefined);
      for (let i = 0; i < this.parked.length;) {
        const line = this.parked[i]!;
        // An earlier line of the same slot still waiting keeps this one waiting too.
        const earlier = this.parked.slice(0, i).some((p) => p.slot === line.slot);
        const conn = earlier ? undefined : await this.target.connectionFor(line).catch(() => undefined);
        if (conn) {
          this.pipeline.dispatch(line.entry, conn);
          this.release(i);
        } else {
          i++;
        }
      }
      if (this.parked.length === 0) break;
      const waited = Date.now() - since;
      if (waited >= this.waitMs) {
        while (this.parked.length > 0) {
          this.pipeline.drop(this.parked[0]!.entry, this.target.givenUp(this.parked[0]!, waited));
          this.release(0);
        }
        break;
      }
      await sleep(RETRY_MS);
    }
  }

  private release(i: number): void {
    const [line] = this.parked.splice(i, 1);
    this.slots.set(line!.slot, this.slots.get(line!.slot)! - 1);
  }
}
