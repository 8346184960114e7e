// --latency across a cluster or group: every node PINGed every 10 ms at once; one line per node, as redis-cli's.
import type { OutputMode } from '../../format/index.js';
import type { ModeIO } from '../../output/fd-output.js';
import { cFixed } from '../../util/c-printf.js';
import { addSample, latencyText, type LatencyStats } from './latency-mode.js';
import { ModeExit, mstime, sleep } from './mode-basics.js';
import { pingNode, TITLES, type NodeColumns, type NodeTarget } from './node-list.js';

type NodeStats = LatencyStats & { tot: number; error?: string };

/** One node's report in the output mode: the node columns, then redis-cli's numbers (or why there are none). */
export function nodeLatencyText(node: NodeTarget, columns: NodeColumns, s: NodeStats, mode: OutputMode): string {
  const fields = columns.fields(node);
  const failed = s.count === 0 ? `unreachable: ${s.error ?? 'no reply yet'}` : undefined;
  switch (mode) {
    case 'tty': return columns.prefix(node) + (failed ?? latencyText(s, mode));
    case 'raw': return `${fields.join(' ')} ${failed ?? latencyText(s, mode)}${failed ? '\n' : ''}`;
    case 'csv': return `${fields.join(',')},${failed ? `"${failed.replace(/"/g, '\\"')}"\n` : latencyText(s, mode)}`;
    case 'json': {
      const names = columns.fields(TITLES);
      const head = fields.map((v, i) => `${JSON.stringify(names[i])}: ${JSON.stringify(v)}`).join(', ');
      if (failed) return `{${head}, "error": ${JSON.stringify(failed)}}\n`;
      return `{${head}, "min": ${s.min}, "max": ${s.max}, "avg": ${cFixed(s.avg, 2)}, "count": ${s.count}}\n`;
    }
    default: return '';
  }
}

/** Samples one node until `stop()` says so (the difference of two mstime() readings, as redis-cli counts). */
function sample(node: NodeTarget, s: NodeStats, stop: () => boolean): Promise<void> {
  const ms = (ns: bigint) => Number(ns / 1_000_000n);
  return pingNode(node, stop, (start, end) => addSample(s, ms(end) - ms(start)), (error) => { s.error = error; });
}

/**
 * On a terminal (or --no-raw) the block of node lines is redrawn forever (Ctrl-C kills it); otherwise every node is
 * sampled for 1 s (-i), one line per node is printed and the exit code is 1 when some node never answered.
 */
export async function runLatencyPerNode(
  nodes: NodeTarget[], columns: NodeColumns, intervalUs: number, mode: OutputMode, io: ModeIO,
): Promise<number> {
  if (nodes.length === 0) throw new ModeExit('eredis: the cluster lists no nodes');
  const stats: NodeStats[] = nodes.map(() => ({ min: 0, max: 0, avg: 0, count: 0, tot: 0 }));
  const runTime = intervalUs ? Math.trunc(intervalUs / 1000) : 1000;
  const started = mstime();
  const forever = mode === 'tty';
  const stop = () => !forever && mstime() - started > runTime;
  const samplers = nodes.map((n, i) => sample(n, stats[i]!, stop));
  if (!forever) {
    await Promise.all(samplers);
    nodes.forEach((n, i) => io.out.write(nodeLatencyText(n, columns, stats[i]!, mode)));
    for (const n of nodes) n.session?.close();
    return stats.some((s) => s.count === 0) ? 1 : 0;
  }
  for (let drawn = false; ; drawn = true) {
    io.out.write((drawn ? `\x1b[${nodes.length}A` : '')
      + nodes.map((n, i) => `\x1b[0G\x1b[2K${nodeLatencyText(n, columns, stats[i]!, mode)}\n`).join(''));
    io.out.flush();
    await sleep(100);
  }
}
