// Where a batch line goes: the session's connection; with -c, its slot's master (printing the redirect line redis-cli
// would print); or, when that node stopped answering, a wait in its place for a replica to take over.
import { SINGLE_KEY } from '../commands/command-flags.js';
import { ConnectError, type Connection } from '../net/connection.js';
import type { ClusterRouting, Route } from '../session/cluster-routing.js';
import type { CommandPipeline } from '../session/command-pipeline.js';
import type { Session } from '../session/session.js';
import { FailoverWait, type FailoverTarget } from './failover-wait.js';

export class BatchTargets {
  /** Lines for a lost node wait here: a -c batch, or a -g primary that may fail over. */
  readonly failover: FailoverWait | undefined;

  constructor(private readonly session: Session, private readonly pipeline: CommandPipeline, private readonly routing: ClusterRouting | undefined, waitMs: number) {
    const target = routing ? this.clusterFailover(routing) : session.canFailOver ? this.primaryFailover() : undefined;
    this.failover = target && new FailoverWait(pipeline, target, waitMs);
    if (routing) {
      // A lone command in a cluster batch runs where redis-cli would be (it follows every MOVED), and says so.
      pipeline.runAlone = async (argv, answered) => {
        // A redirect already in hand says where to go; otherwise start where redis-cli would be.
        if (!answered) await routing.alignMain().catch(() => undefined);
        try {
          return await session.execute(argv, answered);
        } finally {
          routing.syncFromMain();
        }
      };
    }
  }

  /** The fast path: the connection for a plain line whose key is data[keyStart, keyEnd), or undefined (slow path). */
  now(flags: number, argc: number, data: Buffer, keyStart: number, keyEnd: number): Connection | undefined {
    if (!this.routing) {
      const conn = this.session.conn;
      return conn && !conn.closed && !this.failover?.holds(-1) ? conn : undefined;
    }
    if (!(flags & SINGLE_KEY) || argc < 2) return undefined;
    const route = this.route(data, keyStart, keyEnd);
    if (!route || !route.session.connected || this.routing.isDown(route) || this.failover?.holds(route.slot)) return undefined;
    this.announce(route);
    return route.session.conn!;
  }

  /** The slow path: sends argv (or makes it wait for its node); false when it must run alone instead. */
  async send(argv: Buffer[], flags: number): Promise<boolean> {
    const routing = this.routing;
    if (!routing) {
      if (this.failover && (this.failover.holds(-1) || (await this.session.tryConnect(true)) !== undefined)) {
        this.failover.park(argv, flags, -1);
        return true;
      }
      if (!this.session.connected || this.pipeline.broken) return false;
      this.pipeline.commandArgv(argv, flags);
      return true;
    }
    if (!(flags & SINGLE_KEY) || argv.length < 2 || this.pipeline.broken) return false;
    const route = this.route(argv[1]!, 0, argv[1]!.length);
    if (!route) return false; // no owner, or outside the tunnels: the main session says why
    if (this.failover!.holds(route.slot) || !(await routing.reach(route))) {
      this.failover!.park(argv, flags, route.slot);
      return true;
    }
    this.announce(route);
    this.pipeline.commandArgvOn(route.session.conn!, argv, flags);
    return true;
  }

  /** After a lost node, the line for stderr that says what became of the batch; undefined when nothing was lost. */
  summary(): string | undefined {
    const c = this.pipeline.counts;
    if (!this.failover || (!this.failover.nodeLost && c.unknown === 0)) return undefined;
    return `eredis: a node stopped answering: ${c.sent} sent, ${c.ok} OK, ${c.errors + c.notRun} failed, ${c.unknown} unknown (in flight when it went)`;
  }

  /** Whether any line failed or was lost (the batch then exits 1). */
  get failed(): boolean {
    const c = this.pipeline.counts;
    return this.summary() !== undefined && c.errors + c.notRun + c.unknown > 0;
  }

  private route(key: Buffer, start: number, end: number): Route | undefined {
    try {
      return this.routing!.routeKey(key, start, end);
    } catch (err) {
      if (err instanceof ConnectError) return undefined;
      throw err;
    }
  }

  /** redis-cli follows MOVED one command at a time and says so; a routed batch prints the same line in its turn. */
  private announce(route: Route): void {
    if (route.owner.id === this.routing!.current) return;
    this.pipeline.text(`-> Redirected to slot [${route.slot}] located at ${route.owner.host}:${route.owner.port}\n`);
    this.routing!.current = route.owner.id;
  }

  private clusterFailover(routing: ClusterRouting): FailoverTarget {
    return {
      refresh: async () => { await routing.refresh(); },
      connectionFor: async (line) => {
        const route = this.route(line.argv[1]!, 0, line.argv[1]!.length);
        return route && (await routing.reach(route)) ? route.session.conn : undefined;
      },
      givenUp: (line, ms) => `eredis: no node took over slot ${line.slot} within ${Math.round(ms / 1000)}s: not sent`,
    };
  }

  private primaryFailover(): FailoverTarget {
    return {
      refresh: async () => undefined,
      connectionFor: async () => ((await this.session.tryConnect(true)) === undefined ? this.session.conn : undefined),
      givenUp: (_line, ms) => `eredis: ${this.session.address} did not come back within ${Math.round(ms / 1000)}s: not sent`,
    };
  }
}
