// How a diagnostic mode ends early: the stderr line redis-cli prints there and the exit code, plus a cancellable sleep.

/** Thrown inside a mode; the dispatcher prints `line` (when not empty) on stderr and exits with `code`. */
export class ModeExit extends Error {
  constructor(readonly line: string, readonly code = 1) { super(line); }
}

/** setTimeout as a promise (usleep). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Microseconds since an arbitrary origin, like redis-cli's ustime() differences. */
export function ustime(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Milliseconds since an arbitrary origin, like redis-cli's mstime() differences. */
export function mstime(): number {
  return Number(process.hrtime.bigint() / 1000000n);
}
