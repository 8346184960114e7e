// SUBSCRIBE-family and MONITOR: after the command's own reply the server keeps sending replies nobody asked for, each
// printed as it comes. The follow belongs to the session, not to a connection: the command goes where a redirect sends
// it, and a subscription in cluster mode (or on a -g primary) is made again when its node is lost or its slot moves.
import { streamKind } from '../commands/stream-commands.js';
import { ReplyCollector } from '../resp/reply-collector.js';
import { EVENTS, type ScanMode } from '../resp/scanner.js';
import type { Reply } from '../resp/types.js';
import { ConnectionLostError, NotSentError } from '../util/connection-errors.js';
import { Collected } from './collect.js';
import type { Session } from './session.js';
import { keySlot } from './slot-map.js';
import type { ReplySink } from './submission.js';

export type StreamEnd =
  | { kind: 'error-reply' }
  | { kind: 'lost'; error: ConnectionLostError }
  | { kind: 'stopped' }
  /** The command could not be sent (a redirect to a node that cannot be reached): the line to print. */
  | { kind: 'not-sent'; line: string };

export interface StreamOptions {
  /** Each reply as it comes: the command's own, then the stream's. */
  onReply(reply: Reply): void;
  /** Resolves when the user stops following (Ctrl-C in the shell). */
  stop?: Promise<void>;
  /** Announces a redirect followed for the command (interactive modes). */
  onRedirect?(slot: number, host: string, port: number): void;
  warn(line: string): void;
  /** How long to look for the node that serves the subscription again after it was lost. */
  waitMs: number;
}

type Interruption = { kind: 'lost'; error: ConnectionLostError } | { kind: 'moved' } | { kind: 'stopped' };

const RETRY_MS = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (r: Reply | undefined) => (r && (r.type === 'bulk' || r.type === 'simple') ? r.value.toString('latin1') : undefined);

/** Reads the stream's replies (those nobody asked for) on the link the command was answered on. */
class Follower implements ReplySink {
  readonly events = new ReplyCollector(true);
  private interrupt!: (why: Interruption) => void;
  readonly interrupted: Promise<Interruption>;
  /** Shard channels still subscribed, for SSUBSCRIBE (the server unsubscribes them when their slot moves away). */
  private shardChannels: number;

  constructor(private readonly o: StreamOptions, private readonly resubscribes: boolean, channels: number) {
    this.interrupted = new Promise((resolve) => { this.interrupt = resolve; });
    this.shardChannels = channels;
  }

  replyStart(): ScanMode {
    return EVENTS;
  }

  replyEnd(): void {
    const reply = this.events.take()!;
    this.o.onReply(reply);
    const items = reply.type === 'array' || reply.type === 'push' ? reply.items : [];
    if (this.resubscribes && text(items[0]) === 'sunsubscribe' && --this.shardChannels <= 0) this.interrupt({ kind: 'moved' });
  }

  fail(err: Error): void {
    this.events.reset();
    this.interrupt({ kind: 'lost', error: err as ConnectionLostError });
  }
}

/** The command, whose reply attaches the follower to the link that answered it before any later reply is read. */
class StreamCommand extends Collected {
  constructor(argv: Buffer[], onRedirect: StreamOptions['onRedirect'], private readonly follower: Follower) {
    super(argv, 0, onRedirect);
  }

  override replyEnd(): void {
    if (this.sentOn) this.sentOn.follower = this.follower;
    super.replyEnd();
  }
}

/** Sends argv and prints its reply and every later one until an error reply, the end of the connection, or `stop`. */
export async function followStream(session: Session, argv: Buffer[], o: StreamOptions): Promise<StreamEnd> {
  const pubsub = streamKind(argv) === 'pubsub';
  const shard = argv[0]!.toString('latin1').toLowerCase() === 'ssubscribe';
  // A subscription can be made again elsewhere; MONITOR is about one node and ends with it, as in redis-cli.
  const resilient = pubsub && (session.cluster || session.canFailOver);
  const stopped = (o.stop ?? new Promise<never>(() => undefined)).then(() => ({ kind: 'stopped' as const }));
  session.pushesAsReplies(pubsub);
  try {
    for (let again = false; ; again = true) {
      const follower = new Follower(o, resilient && shard && session.cluster, argv.length - 1);
      const command = new StreamCommand(argv, o.onRedirect, follower);
      session.submit(command);
      session.flush();
      const first = await Promise.race([command.reply.then((r) => ({ reply: r })).catch((error: Error) => ({ error })), stopped]);
      if ('kind' in first) return { kind: 'stopped' };
      if ('error' in first) {
        if (again && (await relocate(session, argv, o))) continue;
        if (first.error instanceof ConnectionLostError) return { kind: 'lost', error: first.error };
        if (first.error instanceof NotSentError) return { kind: 'not-sent', line: first.error.message };
        throw first.error;
      }
      o.onReply(first.reply);
      if (first.reply.type === 'error') return { kind: 'error-reply' };
      const why = await Promise.race([follower.interrupted, stopped]);
      if (why.kind === 'stopped') return why;
      if (why.kind === 'lost' && !resilient) return why;
      o.warn(why.kind === 'lost'
        ? `eredis: ${session.address} went away (${why.error.message}); subscribing again`
        : `eredis: the slot of ${argv.slice(1).map((a) => a.toString('utf8')).join(' ')} moved; subscribing again`);
      if (why.kind === 'lost' && !(await relocate(session, argv, o))) return why;
    }
  } finally {
    session.pushesAsReplies(false);
    const link = session.linkNow();
    if (link) link.follower = undefined;
  }
}

/** Finds where the subscription can be made again: the master of its slot now, or the -g primary; false if none. */
async function relocate(session: Session, argv: Buffer[], o: StreamOptions): Promise<boolean> {
  const shard = argv[0]!.toString('latin1').toLowerCase() === 'ssubscribe';
  const slot = shard && argv.length > 1 ? keySlot(argv[1]!) : -1;
  const deadline = Date.now() + o.waitMs;
  for (;;) {
    if (session.cluster) {
      const address = await session.routes.locate(slot, session.home);
      if (address) {
        session.moveCurrent(address);
        if ((await session.tryConnect(true)) === undefined) return true;
      }
    } else if ((await session.tryConnect(true)) === undefined) {
      return true;
    }
    if (Date.now() >= deadline) return false;
    await sleep(RETRY_MS);
  }
}
