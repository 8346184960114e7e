// Runs one scan per shard, a bounded number at a time: a shard that fails or stalls is reported on stderr and left
// out; a broken connection is reopened once and the scan resumes at its last cursor.
import { ConnectError } from '../../util/connection-errors.js';
import type { Session } from '../../session/session.js';
import type { Interrupt } from './interrupt.js';
import { ConnectionProblem, dbSize, DeploymentError, KeyspaceError } from './node-commands.js';
import type { ScanLoopEnd } from './scan-loop.js';
import type { Shard, ShardPlan } from './shards.js';

/** Shards scanned at the same time. */
export const SHARDS_IN_FLIGHT = 8;

export type ShardState = 'waiting' | 'running' | 'done' | 'stopped' | 'failed';

export interface ShardRun {
  shard: Shard;
  /** DBSIZE before the scan. */
  total: number;
  /** Keys returned by SCAN and accounted for so far. */
  scanned: number;
  state: ShardState;
  /** Where a resumed scan starts: "0" first, then the cursor after the last consumed batch. */
  cursor: string;
  session?: Session;
}

export interface ShardWork {
  /** Scans `run.shard` on `session` from `run.cursor`; `guard` wraps every wait on the node. */
  (run: ShardRun, session: Session, guard: <X>(work: Promise<X>) => Promise<X>): Promise<ScanLoopEnd>;
}

export interface RunnerOptions {
  root: Session;
  plan: ShardPlan;
  interrupt: Interrupt;
  warn(line: string): void;
  /** No reply from a shard for this long: it is reported as stalled and skipped. */
  stallMs: number;
  inFlight?: number;
  /** Called before anything may print to stderr on its own (connecting prints its failures itself). */
  beforeOutput?(): void;
}

class Stalled extends KeyspaceError {}

const isConnectionProblem = (err: unknown) => err instanceof ConnectionProblem || err instanceof ConnectError;

export class ShardRunner {
  readonly runs: ShardRun[];
  /** Every shard of the plan, reachable or not. */
  readonly shardCount: number;
  /** Addresses of the shards left out, in the order they failed. */
  readonly failed: string[] = [];
  /** A failure every shard would give (e.g. no LFU policy): the run ends with it. */
  fatal?: DeploymentError;

  constructor(private readonly o: RunnerOptions) {
    this.shardCount = o.plan.shards.length + o.plan.unreachable.length;
    this.runs = o.plan.shards.map((shard) => ({ shard, total: 0, scanned: 0, state: 'waiting', cursor: '0' }));
    for (const { address, reason } of o.plan.unreachable) this.fail(address, reason);
  }

  /** Sum of the DBSIZE of the shards still in the run. */
  get totalKeys(): number {
    return this.runs.reduce((n, r) => n + (r.state === 'failed' ? 0 : r.total), 0);
  }

  get scannedShards(): number {
    return this.runs.filter((r) => r.state === 'done' || r.state === 'stopped').length;
  }

  /** Connects to every shard and reads its DBSIZE (sessions stay open for the first ones to be scanned). */
  async measure(): Promise<void> {
    const keep = this.o.inFlight ?? SHARDS_IN_FLIGHT;
    await this.pool(async (run, index) => {
      try {
        const session = await this.open(run);
        if (!session) return;
        run.total = await this.guard(session, dbSize(session));
        if (index < keep) run.session = session;
        else if (!run.shard.entry) session.close();
      } catch (err) {
        this.failRun(run, err);
      }
    });
  }

  /** Runs `work` on every shard that is still in, a bounded number at a time. */
  async scan(work: ShardWork): Promise<void> {
    await this.pool(async (run) => {
      if (run.state === 'failed' || this.o.interrupt.stopped) return;
      run.state = 'running';
      for (let attempt = 0; ; attempt++) {
        try {
          const session = run.session ?? (await this.open(run, attempt > 0));
          if (!session) return;
          run.session = session;
          const end = await work(run, session, (p) => this.guard(session, p));
          run.cursor = end.cursor;
          run.state = end.cursor === '0' ? 'done' : 'stopped';
          return;
        } catch (err) {
          run.session?.disconnect();
          run.session = undefined;
          if (attempt === 0 && isConnectionProblem(err) && !this.o.interrupt.stopped) continue;
          this.failRun(run, err);
          return;
        } finally {
          if (run.state !== 'running') this.release(run);
        }
      }
    });
  }

  /** Closes every shard session but the root's. */
  close(): void {
    for (const run of this.runs) this.release(run);
  }

  private release(run: ShardRun): void {
    if (run.session && run.session !== this.o.root) run.session.close();
    run.session = undefined;
  }

  private async open(run: ShardRun, fresh = false): Promise<Session | undefined> {
    const session = fresh || !run.shard.entry ? this.o.root.nodeSession(run.shard.host, run.shard.port) : this.o.root;
    this.o.beforeOutput?.();
    if (!(await session.ensureConnected())) {
      // ensureConnected printed "Could not connect to Redis at <node>: <reason>": that is the shard's one line.
      run.state = 'failed';
      this.failed.push(run.shard.address);
      return undefined;
    }
    if (run.shard.role === 'replica') await this.guard(session, session.execute([Buffer.from('READONLY')]));
    return session;
  }

  /** Waits for `work` unless the node stays silent for stallMs, or the session was redirected to another node. */
  private guard<X>(session: Session, work: Promise<X>): Promise<X> {
    const home = session.address;
    return new Promise<X>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Stalled(`no reply within ${this.o.stallMs / 1000}s`));
        session.disconnect();
      }, this.o.stallMs);
      work.then((value) => {
        clearTimeout(timer);
        if (session.address !== home) reject(new ConnectionProblem(`redirected to ${session.address}`));
        else resolve(value);
      }, (err: unknown) => { clearTimeout(timer); reject(err); });
    });
  }

  private failRun(run: ShardRun, err: unknown): void {
    if (run.state === 'failed') return;
    run.state = 'failed';
    if (err instanceof DeploymentError) {
      this.fatal ??= err;
      this.o.interrupt.stop();
      return;
    }
    if (!(err instanceof KeyspaceError) && !(err instanceof ConnectError)) throw err;
    this.fail(run.shard.address, err.message.trim());
  }

  private fail(address: string, reason: string): void {
    this.failed.push(address);
    this.o.warn(`eredis: skipped ${address}: ${reason}`);
  }

  /** Runs fn for every shard with at most inFlight at once. */
  private async pool(fn: (run: ShardRun, index: number) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < this.runs.length && !this.fatal) {
        const index = next++;
        await fn(this.runs[index]!, index);
      }
    };
    const n = Math.min(this.o.inFlight ?? SHARDS_IN_FLIGHT, this.runs.length);
    await Promise.all(Array.from({ length: n }, worker));
  }
}
