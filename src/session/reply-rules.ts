// What the session does with an error reply instead of handing it to its command: every rule, when it applies and
// what it does, in one place, the same for every path (shell, batch, one-shot, --eval, modes), as the reply arrives:
// - MOVED / ASK (cluster mode): the command goes to the node named (ASKING first for ASK), after what was in flight on
//   the old node; the slot map is patched and read again once; the session's current node follows (redis-cli's does).
//   A node outside the tunnels is never connected to: the command fails with the --via-map entry to add.
// - NOAUTH / WRONGPASS on an IAM session: AUTH with a fresh token, then the command once more (a stale token).
// - NOAUTH while no password is known: one is looked up once (keychain, prompt...), AUTH, then the command again.
// - READONLY from a -g primary outside MULTI: ElastiCache is asked where the primary is now; the command goes there.
// - CLUSTERDOWN / TRYAGAIN in a batch that waits out failovers: the command was not run; it is sent again a moment
//   later (the slot map read again), until the failover wait is over.
// Commands sent meanwhile wait (dispatch.ts) so nothing overtakes the one being acted on. Anything else, or a rule
// that already ran for this command, goes to the command's sink as the reply it is.
import type { Reply } from '../resp/types.js';
import { NotSentError, TunnelError } from '../util/connection-errors.js';
import type { Dispatch } from './dispatch.js';
import type { Link } from './link.js';
import { parseRedirect, type Redirect } from './redirect.js';
import type { Submission } from './submission.js';

/** A command is redirected this many times at most; then its reply is what it is (a redirect loop). */
const MAX_REDIRECTS = 16;
const REAUTHED = 0x100;
const FAILED_OVER = 0x200;

/** What the rules need of the session. */
export interface RuleContext {
  readonly cluster: boolean;
  readonly iam: boolean;
  /** No password known yet, and a NOAUTH could still be answered by looking one up. */
  readonly mayAskForAuth: boolean;
  /** A -g primary: a failover may move it. */
  readonly canFailOver: boolean;
  /** How long a batch waits out a failover (0: commands are not retried, as in the shell and one-shot runs). */
  readonly failoverWaitMs: number;
  readonly dispatch: Dispatch;
  /** The pool's address for a node a redirect names; throws TunnelError for one outside the tunnels. */
  place(host: string, port: number): string;
  /** The session's current node is now `address` (the connection it leaves may be closed, as redis-cli's is). */
  moveCurrent(address: string): void;
  /** Announces a redirect followed for `s` (redis-cli's interactive modes print a line). */
  announce(s: Submission, slot: number, host: string, port: number): void;
  /** A MOVED says who serves the slot now. */
  slotMoved(slot: number, host: string, port: number): void;
  /** The line for a command that could not go to `host`. */
  failureLine(host: string, err: Error): string;
  /** The server took a command as it was: it needs no password. */
  authNotNeeded(): void;
  /** AUTH on `link` with the session's credentials (a fresh IAM token). */
  authenticate(link: Link): Promise<void>;
  /** Looks up a password (once per session); true when one was found (then the session authenticates with it). */
  findPassword(): Promise<boolean>;
  /** Asks where the primary is now and connects there; false when the API did not answer. */
  failOver(link: Link): Promise<boolean>;
  /** A moment passes and the slot map is read again (the cluster is settling after a failover). */
  settle(): Promise<void>;
}

/** CLUSTERDOWN and TRYAGAIN are retried this often while a failover is waited out. */
const SETTLE_MS = 100;

const startsWith = (reply: Buffer, word: string) => reply.toString('latin1', 0, word.length) === word;

/** True when the session acts on `reply` to `s` (received on `link`) instead of handing it to `s`. */
export function intercept(ctx: RuleContext, link: Link, s: Submission, reply: Reply): boolean {
  if (reply.type !== 'error') return false;
  const text = reply.value;
  const noAuth = startsWith(text, 'NOAUTH ');
  if (!noAuth) ctx.authNotNeeded();
  const redirect = ctx.cluster && (s.tries & 0xff) < MAX_REDIRECTS ? parseRedirect(reply) : undefined;
  if (redirect) {
    s.tries++;
    follow(ctx, link, s, redirect);
  } else if (ctx.iam && (noAuth || startsWith(text, 'WRONGPASS ')) && !(s.tries & REAUTHED)) {
    s.tries |= REAUTHED; // once per command: a second refusal is the answer
    again(ctx, s, ctx.authenticate(link));
  } else if (noAuth && ctx.mayAskForAuth) {
    // Sent again either way: with a password it runs; without one its NOAUTH is the answer.
    again(ctx, s, ctx.findPassword().then((found) => (found ? ctx.authenticate(link) : undefined)));
  } else if (ctx.canFailOver && !link.state.inMulti && startsWith(text, 'READONLY ') && !(s.tries & FAILED_OVER)) {
    s.tries |= FAILED_OVER; // once per command: READONLY twice means the API has not caught up yet
    again(ctx, s, ctx.failOver(link));
  } else if (ctx.failoverWaitMs > 0 && !link.state.inMulti && (startsWith(text, 'CLUSTERDOWN ') || startsWith(text, 'TRYAGAIN '))
    && (s.tries >>> 16) < ctx.failoverWaitMs / SETTLE_MS) {
    s.tries += 0x10000; // the command was refused, not run: safe to send again
    again(ctx, s, ctx.settle());
  } else {
    return false;
  }
  return true;
}

/** `s` goes out again once `work` is over; everything sent meanwhile waits behind it. */
function again(ctx: RuleContext, s: Submission, work: Promise<unknown>): void {
  ctx.dispatch.hold(work);
  ctx.dispatch.again(s);
}

/** A redirect: to the node named, after what was in flight on `link`, as redis-cli follows it. */
function follow(ctx: RuleContext, link: Link, s: Submission, r: Redirect): void {
  const host = r.host === '' ? link.target.host : r.host;
  ctx.announce(s, r.slot, host, r.port);
  if (r.kind === 'MOVED') ctx.slotMoved(r.slot, host, r.port);
  let address: string;
  try {
    address = ctx.place(host, r.port);
  } catch (err) {
    if (!(err instanceof TunnelError)) throw err;
    return s.fail(new NotSentError(ctx.failureLine(host, err))); // never around the tunnel
  }
  ctx.moveCurrent(address); // redis-cli's connection follows the redirect
  s.to = address;
  s.asking = r.kind === 'ASK';
  ctx.dispatch.holdBehind(link);
  ctx.dispatch.again(s);
}
