// One node's SCAN loop: each batch's probe (TYPE, sizes...) runs while the next SCAN is on the wire, and batches are
// consumed strictly in SCAN order, so the output is the one redis-cli's one-batch-at-a-time loop prints.
import type { Session } from '../../session/session.js';
import type { Interrupt } from './interrupt.js';
import { scanOnce, type ScanBatch, type ScanOptions } from './node-commands.js';

export interface ScanLoopOptions<T> {
  session: Session;
  scan: ScanOptions;
  /** The cursor to start from ("0", or --cursor). */
  startCursor: string;
  /** `-i`: sleep `ms` after every `every`-th SCAN (--scan: every one; the sampling modes: every 100th). */
  pause?: { ms: number; every: number };
  interrupt: Interrupt;
  /** Batches in flight at once (1: one at a time). */
  depth: number;
  /** The pipelined commands for one batch's keys. */
  probe?: (keys: Buffer[]) => Promise<T>;
  /** Accounts for one batch (synchronously), in SCAN order. */
  consume: (batch: ScanBatch, result: T) => void;
  /** Wraps every wait on the node (a stall timeout in cluster-wide runs). */
  guard?: <X>(work: Promise<X>) => Promise<X>;
}

export interface ScanLoopEnd {
  /** The cursor after the last consumed batch: "0" when the scan went round, else where to resume. */
  cursor: string;
  /** SCAN calls made. */
  loops: number;
}

/** Runs the loop until the cursor comes back to 0 or the scan is interrupted (batches already read are consumed). */
export async function scanLoop<T>(o: ScanLoopOptions<T>): Promise<ScanLoopEnd> {
  const guard = o.guard ?? (<X>(work: Promise<X>) => work);
  const queue: Array<{ batch: ScanBatch; result: Promise<T> }> = [];
  let cursor = o.startCursor;
  let consumed = o.startCursor;
  let loops = 0;
  let finished = false;
  const consumeHead = async () => {
    const { batch, result } = queue.shift()!;
    o.consume(batch, await guard(result));
    consumed = batch.cursor;
  };
  try {
    do {
      const batch = await guard(scanOnce(o.session, cursor, o.scan));
      loops++;
      cursor = batch.cursor;
      finished = cursor === '0';
      const result = o.probe ? o.probe(batch.keys) : Promise.resolve(undefined as T);
      result.catch(() => undefined); // reported when consumed
      queue.push({ batch, result });
      const pausing = o.pause !== undefined && o.pause.ms > 0 && loops % o.pause.every === 0;
      while (queue.length >= o.depth || (queue.length > 0 && (pausing || finished || o.interrupt.stopped))) await consumeHead();
      if (pausing) await o.interrupt.sleep(o.pause!.ms);
    } while (!finished && !o.interrupt.stopped);
    while (queue.length > 0) await consumeHead();
  } finally {
    queue.length = 0;
  }
  return { cursor: consumed, loops };
}
