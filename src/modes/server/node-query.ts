// One command on one node of a per-node mode: (re)connects quietly, gives up after a timeout, never throws.
import { ConnectError, ConnectionLostError } from '../../net/connection.js';
import type { Reply } from '../../resp/types.js';
import type { NodeTarget } from './node-list.js';

export type NodeAnswer = { reply: Reply } | { error: string };

/** Sends argv to the node, connecting first when needed; a failure or a timeout comes back as `error`. */
export async function nodeCommand(node: NodeTarget, argv: string[], timeoutMs: number): Promise<NodeAnswer> {
  const session = node.session;
  if (!session) return { error: node.error ?? 'no connection' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<NodeAnswer>((resolve) => {
    timer = setTimeout(() => {
      session.close();
      resolve({ error: `no reply within ${(timeoutMs / 1000).toFixed(1)}s` });
    }, timeoutMs);
  });
  const attempt = (async (): Promise<NodeAnswer> => {
    try {
      if (!session.connected) await session.connect();
      return { reply: await session.execute(argv.map((w) => Buffer.from(w))) };
    } catch (err) {
      // Whatever went wrong stays with this node's row (a late failure after the timeout must not escape either).
      if (err instanceof ConnectError || err instanceof ConnectionLostError) session.close();
      return { error: err instanceof Error ? err.message : String(err) };
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
