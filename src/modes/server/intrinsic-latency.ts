// --intrinsic-latency <sec> (redis-cli intrinsicLatencyMode): how long the system keeps this process from running.
import type { ModeIO } from '../../output/fd-output.js';
import { cFixed } from '../../util/c-printf.js';
import { ustime } from './mode-basics.js';

let sink = 0;

/** redis-cli's compute_something_fast: 1000 rounds of an RC4-like shuffle the optimiser cannot remove. */
function computeSomethingFast(): number {
  const s = new Uint8Array(256);
  for (let k = 0; k < 256; k++) s[k] = k;
  let i = 0;
  let j = 0;
  let output = 0;
  for (let count = 1000; count > 0; count--) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    const t = s[i]!;
    s[i] = s[j]!;
    s[j] = t;
    output += s[(s[i]! + s[j]!) & 255]!;
  }
  return output;
}

/** The closing report; the average divides the configured run time by the runs, also after Ctrl-C (as redis-cli). */
export function intrinsicReport(runs: number, runTimeUs: number, maxLatency: number): string {
  const avgUs = runTimeUs / runs;
  return `\n${runs} total runs (avg latency: ${cFixed(avgUs, 4)} microseconds / ${cFixed(avgUs * 1e3, 2)} nanoseconds per run).\n`
    + `Worst run took ${cFixed(maxLatency / avgUs, 0)}x longer than the average latency.\n`;
}

/**
 * Runs for `seconds` (atoi) and exits 0; Ctrl-C stops it early with the same report. No server is contacted. The
 * loop yields to the event loop every few milliseconds so that Ctrl-C is seen; those pauses fall between runs.
 */
export async function runIntrinsicLatency(seconds: number, io: ModeIO): Promise<number> {
  const runTime = seconds * 1000000;
  const testEnd = ustime() + runTime;
  let cancelled = false;
  const onSigint = () => { cancelled = true; };
  process.on('SIGINT', onSigint);
  let maxLatency = 0;
  let runs = 0;
  try {
    for (;;) {
      const sliceEnd = ustime() + 20000;
      for (;;) {
        const start = ustime();
        sink ^= computeSomethingFast();
        const end = ustime();
        const latency = end - start;
        runs++;
        if (latency <= 0) {
          if (end > sliceEnd) break;
          continue;
        }
        if (latency > maxLatency) {
          maxLatency = latency;
          io.out.write(`Max latency so far: ${maxLatency} microseconds.\n`);
          io.out.flush();
        }
        if (cancelled || end > testEnd) {
          io.out.write(intrinsicReport(runs, runTime, maxLatency));
          return 0;
        }
        if (end > sliceEnd) break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
