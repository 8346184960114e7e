// --latency and --latency-history (redis-cli latencyMode): PING every 10 ms, min/max/avg in whole milliseconds.
import type { OutputMode } from '../../format/index.js';
import type { ModeIO } from '../../output/fd-output.js';
import type { Session } from '../../session/session.js';
import { cFixed } from '../../util/c-printf.js';
import { mstime, sleep, argvOf, reconnectingCommand } from './mode-basics.js';

const SAMPLE_RATE_MS = 10;
const HISTORY_DEFAULT_MS = 15000;

export interface LatencyStats {
  min: number;
  max: number;
  avg: number;
  count: number;
}

/** Adds one sample the way redis-cli does (the first sample of a window sets every field). */
export function addSample(s: LatencyStats & { tot: number }, latency: number): void {
  s.count++;
  if (s.count === 1) {
    s.min = s.max = s.tot = latency;
    s.avg = latency;
  } else {
    s.min = Math.min(s.min, latency);
    s.max = Math.max(s.max, latency);
    s.tot += latency;
    s.avg = s.tot / s.count;
  }
}

/** latencyModePrint: the text for one report in this output mode (quoted JSON prints nothing, as in 7.0). */
export function latencyText(s: LatencyStats, mode: OutputMode): string {
  const avg = cFixed(s.avg, 2);
  switch (mode) {
    case 'tty': return `min: ${s.min}, max: ${s.max}, avg: ${avg} (${s.count} samples)`;
    case 'csv': return `${s.min},${s.max},${avg},${s.count}\n`;
    case 'raw': return `${s.min} ${s.max} ${avg} ${s.count}\n`;
    case 'json': return `{"min": ${s.min}, "max": ${s.max}, "avg": ${avg}, "count": ${s.count}}\n`;
    default: return '';
  }
}

/**
 * On a terminal (or --no-raw) it rewrites one line forever; otherwise it samples for 1 s (-i) and prints one line,
 * or with --latency-history one line per sample plus " -- N.NN seconds range" every 15 s (-i). Ctrl-C kills it.
 */
export async function runLatency(
  session: Session, history: boolean, intervalUs: number, mode: OutputMode, io: ModeIO,
): Promise<number> {
  const historyInterval = intervalUs ? Math.trunc(intervalUs / 1000) : HISTORY_DEFAULT_MS;
  const runTime = intervalUs ? Math.trunc(intervalUs / 1000) : 1000;
  const s = { min: 0, max: 0, avg: 0, count: 0, tot: 0 };
  let historyStart = mstime();
  for (;;) {
    const start = mstime();
    await reconnectingCommand(session, argvOf('PING'), io.out);
    addSample(s, mstime() - start);
    if (mode === 'tty') {
      io.out.write(`\x1b[0G\x1b[2K${latencyText(s, mode)}`);
    } else if (history) {
      io.out.write(latencyText(s, mode));
    } else if (mstime() - historyStart > runTime) {
      io.out.write(latencyText(s, mode));
      return 0;
    }
    if (history && mstime() - historyStart > historyInterval) {
      io.out.write(` -- ${cFixed(Math.fround((mstime() - historyStart) / 1000), 2)} seconds range\n`);
      historyStart = mstime();
      Object.assign(s, { min: 0, max: 0, tot: 0, count: 0 });
    }
    io.out.flush();
    await sleep(SAMPLE_RATE_MS);
  }
}
