// Reading command words from a Buffer argv, case-insensitively, as redis-cli's strcasecmp checks do.

/** argv[i] lower-cased ('' when absent). */
export function word(argv: readonly Buffer[], i = 0): string {
  const arg = argv[i];
  return arg === undefined ? '' : arg.toString('latin1').toLowerCase();
}

/** SHUTDOWN closes the connection on success: its "lost connection" is not an error. */
export function isShutdown(argv: readonly Buffer[]): boolean {
  return word(argv) === 'shutdown';
}
