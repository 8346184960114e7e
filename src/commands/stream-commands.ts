// Commands after which the server keeps sending replies unasked: SUBSCRIBE-family and MONITOR.
import { word } from './command-words.js';

export type StreamKind = 'pubsub' | 'monitor';

/** What kind of reply stream `argv` starts, if any. */
export function streamKind(argv: Buffer[]): StreamKind | undefined {
  const command = word(argv);
  if (command === 'subscribe' || command === 'psubscribe' || command === 'ssubscribe') return 'pubsub';
  if (command === 'monitor') return 'monitor';
  return undefined;
}

/**
 * Whether the rest of a repeat (-r, `3 SUBSCRIBE`) still runs after the server refused the stream with an error reply.
 * redis-cli sets its subscribed state once, before the repeats, so the rest of a SUBSCRIBE's go as plain commands;
 * MONITOR returns after its loop, so a refused one is not repeated.
 */
export const repeatsAfterRefusal = (kind: StreamKind): boolean => kind === 'pubsub';
