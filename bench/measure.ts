// Runs a command and measures it: wall time, and peak RSS (GNU time's %M when installed, else /proc VmHWM polling).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

export interface Measured {
  ms: number;
  rssMB: number;
  /** Bytes written to stdout (the output is counted, not kept). */
  outBytes: number;
  outLines: number;
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function vmHwmMB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export interface RunOptions {
  /** Bytes for stdin, fed through a pipe. */
  input?: Buffer | string;
  /** A file that is stdin itself, as in `eredis < file` (nothing of the harness's copying is measured). */
  inputFile?: string;
  /** Do not read stdout for this long after the start (a stalled consumer). */
  stallMs?: number;
}

/** One run; rejects when the command exits non-zero. */
export function measure(cmd: string, args: string[], o: RunOptions = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const argv = GNU_TIME ? ['-f', '%M', cmd, ...args] : args;
    const stdin = o.inputFile ? openSync(o.inputFile, 'r') : 'pipe';
    const start = performance.now();
    const child = spawn(GNU_TIME ?? cmd, argv, { stdio: [stdin, 'pipe', 'pipe'] });
    if (typeof stdin === 'number') closeSync(stdin);
    let peak = 0;
    const poll = GNU_TIME ? undefined : setInterval(() => { peak = Math.max(peak, vmHwmMB(child.pid!)); }, 5);
    let outBytes = 0;
    let outLines = 0;
    let err = '';
    const stdout = child.stdout!;
    stdout.on('data', (d: Buffer) => {
      outBytes += d.length;
      for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) outLines++;
    });
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    if (o.stallMs) {
      stdout.pause();
      setTimeout(() => stdout.resume(), o.stallMs);
    }
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // a command may exit without reading all of it
      child.stdin.end(o.input ?? '');
    }
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (poll) clearInterval(poll);
      if (code !== 0) {
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-500)}`));
        return;
      }
      // GNU time prints the peak (KB) as the last stderr line.
      const rssMB = GNU_TIME ? Number(err.trim().split('\n').at(-1)) / 1024 : peak;
      resolve({ ms, rssMB, outBytes, outLines });
    });
  });
}

/** The run with the median wall time of `runs` runs (its RSS is the largest seen, to be safe). */
export async function median(runs: number, run: () => Promise<Measured>): Promise<Measured> {
  const all: Measured[] = [];
  for (let i = 0; i < runs; i++) all.push(await run());
  all.sort((a, b) => a.ms - b.ms);
  return { ...all[Math.floor(all.length / 2)]!, rssMB: Math.max(...all.map((m) => m.rssMB)) };
}
