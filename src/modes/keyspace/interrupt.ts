// Ctrl-C during a key-space scan: stop after the current batch and still print the summary (redis-cli's
// longStatLoopModeStop); a sleep between batches ends at once, as usleep() does on EINTR.

export interface Interrupt {
  /** Set by the first SIGINT. */
  readonly stopped: boolean;
  /** Stop without a signal (e.g. a fatal error elsewhere ends every shard). */
  stop(): void;
  /** Sleeps ms milliseconds, or less when interrupted. */
  sleep(ms: number): Promise<void>;
  /** Removes the handler (a later Ctrl-C gets the default action again). */
  dispose(): void;
}

/** Something that emits 'SIGINT' (the process; a plain EventEmitter in tests). */
export interface SignalSource {
  on(event: 'SIGINT', fn: () => void): unknown;
  removeListener(event: 'SIGINT', fn: () => void): unknown;
}

/**
 * Catches SIGINT while a scan runs. The first one stops the scan; the handler then steps aside, so a second Ctrl-C
 * ends eredis at once (redis-cli would keep waiting on a server that does not answer).
 */
export function catchInterrupt(source: SignalSource): Interrupt {
  let stopped = false;
  const wakers = new Set<() => void>();
  const stop = () => {
    stopped = true;
    for (const wake of wakers) wake();
    wakers.clear();
  };
  const onSignal = () => {
    source.removeListener('SIGINT', onSignal);
    stop();
  };
  source.on('SIGINT', onSignal);
  return {
    get stopped() { return stopped; },
    stop,
    sleep(ms: number) {
      if (stopped || ms <= 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const wake = () => { clearTimeout(timer); wakers.delete(wake); resolve(); };
        const timer = setTimeout(wake, ms);
        wakers.add(wake);
      });
    },
    dispose() { source.removeListener('SIGINT', onSignal); },
  };
}
