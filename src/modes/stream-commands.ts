// Commands after which the server keeps sending replies unasked: SUBSCRIBE-family and MONITOR.

export type StreamKind = 'pubsub' | 'monitor';

/** What kind of reply stream `argv` starts, if any. */
export function streamKind(argv: Buffer[]): StreamKind | undefined {
  const command = argv[0]?.toString('latin1').toLowerCase();
  if (command === 'subscribe' || command === 'psubscribe' || command === 'ssubscribe') return 'pubsub';
  if (command === 'monitor') return 'monitor';
  return undefined;
}
