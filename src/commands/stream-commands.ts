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
