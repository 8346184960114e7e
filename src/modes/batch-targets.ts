// Where a batch line goes: the session's current node; with -c, its key's master (announced with the redirect line
// redis-cli would print following MOVED there); the session keeps lines for a lost node waiting for a takeover.
import { SINGLE_KEY } from '../commands/command-flags.js';
import type { Route } from '../session/cluster-routes.js';
import type { CommandPipeline } from '../session/command-pipeline.js';
import type { Session } from '../session/session.js';

export class BatchTargets {
  constructor(private readonly session: Session, private readonly pipeline: CommandPipeline, private readonly routed: boolean) {}

  /**
   * The fast path: the slot to route a plain line by (its key is data[keyStart, keyEnd)), -1 for the current node,
   * or undefined when the line takes the slow path.
   */
  now(flags: number, argc: number, data: Buffer, keyStart: number, keyEnd: number): number | undefined {
    if (!this.routed) return this.session.connected || this.session.keepsGoing ? -1 : undefined;
    if (!(flags & SINGLE_KEY) || argc < 2) return undefined;
    return this.announced(this.session.routes.route(data, keyStart, keyEnd));
  }

  /** The slow path for a plain line: sends argv (the session may keep it waiting); false when it must run alone. */
  send(argv: Buffer[], flags: number): boolean {
    if (this.pipeline.broken) return false;
    if (!this.routed) {
      if (!this.session.connected && !this.session.keepsGoing) return false;
      this.pipeline.commandArgv(argv, flags);
      return true;
    }
    if (!(flags & SINGLE_KEY) || argv.length < 2) return false;
    const slot = this.announced(this.session.routes.route(argv[1]!, 0, argv[1]!.length));
    if (slot === undefined) return false; // no owner known: the current node says where it is
    this.pipeline.commandArgv(argv, flags, slot);
    return true;
  }

  /** After a lost node, the line for stderr that says what became of the batch; undefined when nothing was lost. */
  summary(): string | undefined {
    const c = this.pipeline.counts;
    if (!this.session.keepsGoing || (!this.session.nodeLost && c.unknown === 0)) return undefined;
    return `eredis: a node stopped answering: ${c.sent} sent, ${c.ok} OK, ${c.errors + c.notRun} failed, ${c.unknown} unknown (in flight when it went)`;
  }

  /** Whether any line failed or was lost (the batch then exits 1). */
  get failed(): boolean {
    const c = this.pipeline.counts;
    return this.summary() !== undefined && c.errors + c.notRun + c.unknown > 0;
  }

  /** redis-cli follows MOVED one command at a time and says so; a routed line prints the same line in its turn. */
  private announced(route: Route | undefined): number | undefined {
    if (!route) return undefined;
    if (!route.current && route.address !== undefined) {
      this.pipeline.text(`-> Redirected to slot [${route.slot}] located at ${route.host}:${route.port}\n`);
      this.session.moveCurrent(route.address);
    }
    return route.slot;
  }
}
