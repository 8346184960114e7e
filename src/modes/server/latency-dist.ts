// --latency-dist (redis-cli latencyDistMode): PING latencies in µs as a coloured spectrum line per interval.
import type { ModeIO } from '../../output/fd-output.js';
import type { Session } from '../../session/session.js';
import { ModeExit, sleep, ustime, argvOf, reconnectingCommand } from './mode-basics.js';
import { pingNode, type NodeColumns, type NodeTarget } from './node-list.js';

const COLOR = [0, 233, 234, 235, 237, 239, 241, 243, 245, 247, 144, 143, 142, 184, 226, 214, 208, 202, 196];
const MONO = [0, 233, 234, 235, 237, 239, 241, 243, 245, 247, 249, 251, 253];

/** Buckets: the largest latency in µs each holds (0: everything above a minute) and its character. */
const BUCKETS: ReadonlyArray<[number, string]> = [
  [10, '.'], [125, '-'], [250, '*'], [500, '#'], [1000, '1'], [2000, '2'], [3000, '3'], [4000, '4'], [5000, '5'],
  [6000, '6'], [7000, '7'], [8000, '8'], [9000, '9'], [10000, 'A'], [20000, 'B'], [30000, 'C'], [40000, 'D'],
  [50000, 'E'], [100000, 'F'], [200000, 'G'], [300000, 'H'], [400000, 'I'], [500000, 'J'], [1000000, 'K'],
  [2000000, 'L'], [4000000, 'M'], [8000000, 'N'], [16000000, 'O'], [30000000, 'P'], [60000000, 'Q'], [0, '?'],
];

/** showLatencyDistLegend. */
export function distLegend(palette: readonly number[]): string {
  return '---------------------------------------------\n'
    + '. - * #          .01 .125 .25 .5 milliseconds\n'
    + '1,2,3,...,9      from 1 to 9     milliseconds\n'
    + 'A,B,C,D,E        10,20,30,40,50  milliseconds\n'
    + 'F,G,H,I,J        .1,.2,.3,.4,.5       seconds\n'
    + 'K,L,M,N,O,P,Q,?  1,2,4,8,16,30,60,>60 seconds\n'
    + `From 0 to 100%: ${palette.map((c) => `\x1b[48;5;${c}m `).join('')}\x1b[0m\n`
    + '---------------------------------------------\n';
}

/** showLatencyDistSamples: one spectrum line for the bucket counts (which it resets). */
export function distLine(counts: number[], total: number, palette: readonly number[]): string {
  let line = '\x1b[38;5;0m';
  BUCKETS.forEach(([, ch], j) => {
    line += `\x1b[48;5;${palette[Math.ceil((counts[j]! / total) * (palette.length - 1))]}m${ch}`;
    counts[j] = 0;
  });
  return `${line}\x1b[0m\n`;
}

/** The bucket a latency (µs) falls in. */
export function bucketOf(latencyUs: number): number {
  const j = BUCKETS.findIndex(([max]) => max === 0 || latencyUs <= max);
  return j;
}

/** Runs until killed, one line every second (-i), the legend before every 20th line. */
export async function runLatencyDist(session: Session, mono: boolean, intervalUs: number, io: ModeIO): Promise<number> {
  const palette = mono ? MONO : COLOR;
  const historyInterval = intervalUs ? Math.trunc(intervalUs / 1000) : 1000;
  const counts = BUCKETS.map(() => 0);
  let count = 0;
  let outputs = 0;
  let historyStart = ustime();
  for (;;) {
    const start = ustime();
    await reconnectingCommand(session, argvOf('PING'), io.out);
    counts[bucketOf(ustime() - start)]!++;
    count++;
    if (count && Math.trunc((ustime() - historyStart) / 1000) > historyInterval) {
      if (outputs++ % 20 === 0) io.out.write(distLegend(palette));
      io.out.write(distLine(counts, count, palette));
      io.out.flush();
      historyStart = ustime();
      count = 0;
    }
    await sleep(10);
  }
}

/** One node's samples of the current interval, and why it did not answer (if it did not). */
interface NodeSamples {
  counts: number[];
  total: number;
  error?: string;
}

/** Samples one node forever into its buckets. */
function sampleNode(node: NodeTarget, s: NodeSamples): Promise<void> {
  const us = (ns: bigint) => Number(ns / 1000n);
  return pingNode(node, () => false, (start, end) => {
    s.error = undefined;
    s.counts[bucketOf(us(end) - us(start))]!++;
    s.total++;
  }, (error) => { s.error = error; });
}

/**
 * --latency-dist across a cluster or group, as --latency does it: every node sampled at once, and every interval
 * (-i, default 1 s) one spectrum line per node behind its node columns; the legend before every 20th round.
 */
export async function runLatencyDistPerNode(
  nodes: NodeTarget[], columns: NodeColumns, mono: boolean, intervalUs: number, io: ModeIO,
): Promise<number> {
  if (nodes.length === 0) throw new ModeExit('eredis: the cluster lists no nodes');
  const palette = mono ? MONO : COLOR;
  const samples: NodeSamples[] = nodes.map(() => ({ counts: BUCKETS.map(() => 0), total: 0 }));
  nodes.forEach((n, i) => void sampleNode(n, samples[i]!));
  for (let round = 0; ; round++) {
    await sleep(intervalUs ? intervalUs / 1000 : 1000);
    if (round % 20 === 0) io.out.write(distLegend(palette));
    nodes.forEach((n, i) => {
      const s = samples[i]!;
      const line = s.total === 0 ? `unreachable: ${s.error ?? 'no reply yet'}\n` : distLine(s.counts, s.total, palette);
      io.out.write(columns.prefix(n) + line);
      s.total = 0;
    });
    io.out.flush();
  }
}
