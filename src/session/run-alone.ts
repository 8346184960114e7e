// One command run on its own through Session.execute (reconnecting, following redirects, failing over), for the
// pipeline's slow path; failures become the line redis-cli prints and a count, never an exception.
import { isShutdown } from '../commands/command-words.js';
import { ConnectError, ConnectionLostError } from '../net/connection.js';
import type { Reply } from '../resp/types.js';
import type { PipelineOutput } from './pipeline-output.js';
import type { Session } from './session.js';

export interface LineCounts {
  sent: number;
  ok: number;
  errors: number;
  /** Could not be sent (no connection, an unreachable redirect target). */
  notRun: number;
  /** Sent, then the connection broke before the reply: it may or may not have run. */
  unknown: number;
}

/**
 * How a command that runs alone is run: Session.execute, unless a mode knows better (cluster batches). `answered` is
 * the reply it already got in the pipeline when that reply is one the session acts on (a redirect, NOAUTH, READONLY).
 */
export type RunAlone = (argv: Buffer[], answered?: Reply) => Promise<Reply>;

/**
 * Runs argv; resolves with its reply, or undefined when it could not run (the reason is already printed). A protocol
 * error resolves 'fatal' after output.fatal(): nothing more can be read.
 */
export async function runAloneSafely(session: Session, run: RunAlone, argv: Buffer[], output: PipelineOutput, counts: LineCounts, answered?: Reply): Promise<Reply | 'fatal' | undefined> {
  if (!answered && !session.connected && !(await session.ensureConnected())) {
    counts.notRun++;
    return undefined;
  }
  counts.sent++;
  try {
    return await run(argv, answered);
  } catch (err) {
    if (err instanceof ConnectionLostError) {
      counts.unknown++;
      if (err.protocol) {
        output.fatal(`Error: ${err.message}`);
        return 'fatal';
      }
      session.close();
      if (!isShutdown(argv)) output.warn(`Error: ${err.message}`);
    } else if (err instanceof ConnectError) {
      // A redirect to a node that cannot be reached (or only through a tunnel nobody mapped): say so, go on.
      counts.notRun++;
      counts.sent--;
      output.warn(session.connectErrorLine(err));
      session.close();
    } else {
      throw err;
    }
    return undefined;
  }
}
