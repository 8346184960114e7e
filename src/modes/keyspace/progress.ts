// The progress line of a cluster-wide scan, on stderr and only when stderr is a terminal: keys scanned of the DBSIZE
// total, and each running shard's share. Stdout is flushed before it is drawn and it is erased before stdout moves on.
import type { Output } from '../../output/fd-output.js';
import type { ShardRun } from './shard-runner.js';

const REFRESH_MS = 250;
const ERASE = '\r\x1b[K';

export interface ProgressTarget {
  /** Raw stderr (no newline added). */
  stderr: Output;
  /** Terminal width. */
  columns: number;
}

const count = (n: number) => n.toLocaleString('en-US');
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.min(100, (100 * part) / whole).toFixed(1)}%` : '-');

/** The status line for these shard runs (without escape codes), cut to `width` characters. */
export function progressLine(runs: readonly ShardRun[], kind: string, width: number): string {
  const live = runs.filter((r) => r.state !== 'failed');
  const scanned = live.reduce((n, r) => n + r.scanned, 0);
  const total = live.reduce((n, r) => n + r.total, 0);
  const done = runs.filter((r) => r.state === 'done').length;
  const failed = runs.length - live.length;
  let line = `Scanned ${count(scanned)} of ${count(total)} keys (${percent(scanned, total)}), ${done}/${runs.length} ${kind} done`;
  if (failed > 0) line += `, ${failed} skipped`;
  const running = runs.filter((r) => r.state === 'running');
  if (running.length > 0) line += ` | ${running.map((r) => `${r.shard.address} ${count(r.scanned)}/${count(r.total)}`).join(', ')}`;
  return line.length > width ? `${line.slice(0, Math.max(0, width - 3))}...` : line;
}

/** Draws the line every 250 ms while a scan runs; `hide()` erases it before other output. */
export class Progress {
  private shown = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly target: ProgressTarget,
    private readonly stdout: Output,
    private readonly runs: readonly ShardRun[],
    private readonly kind: string,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.draw(), REFRESH_MS);
    this.timer.unref();
  }

  draw(): void {
    this.stdout.flush();
    this.target.stderr.write(ERASE + progressLine(this.runs, this.kind, Math.max(20, this.target.columns - 1)));
    this.target.stderr.flush();
    this.shown = true;
  }

  hide(): void {
    if (!this.shown) return;
    this.target.stderr.write(ERASE);
    this.target.stderr.flush();
    this.shown = false;
  }

  stop(): void {
    clearInterval(this.timer);
    this.hide();
  }
}

/** Stdout that erases the progress line before anything reaches the same terminal after it. */
export function behindProgress(stdout: Output, progress: Progress | undefined, stdoutIsTTY: boolean): Output {
  if (!progress || !stdoutIsTTY) return stdout;
  return {
    sink: stdout.sink,
    write(bytes: string) { progress.hide(); stdout.write(bytes); },
    flush() { progress.hide(); stdout.flush(); },
  };
}
