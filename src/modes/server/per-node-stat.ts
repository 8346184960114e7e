// --stat across a cluster or group: every -i seconds one INFO per node, one row per node under redis-cli's columns.
import type { ModeIO } from '../../output/fd-output.js';
import { ModeExit, sleep } from './mode-exit.js';
import type { NodeColumns, NodeTarget } from './node-list.js';
import { nodeCommand } from './node-query.js';
import { STAT_HEADER, statRow, type StatState } from './stat-row.js';
import { infoText } from './stat-mode.js';

/** One node's row: redis-cli's --stat row, or why the node did not answer this time (it is asked again next time). */
async function nodeRow(node: NodeTarget, state: StatState, timeoutMs: number): Promise<string> {
  const answer = await nodeCommand(node, ['INFO'], timeoutMs);
  if ('error' in answer) return `unreachable: ${answer.error}\n`;
  if (answer.reply.type === 'error') return `ERROR: ${answer.reply.value.toString('latin1')}\n`;
  return statRow(infoText(answer.reply), state);
}

/** Runs until killed: the nodes are asked at the same time, their rows printed in node order; the header every 20 rounds. */
export async function runStatPerNode(nodes: NodeTarget[], columns: NodeColumns, intervalUs: number, io: ModeIO): Promise<number> {
  if (nodes.length === 0) throw new ModeExit('eredis: the cluster lists no nodes');
  const interval = (intervalUs || 1_000_000) / 1000;
  const states: StatState[] = nodes.map(() => ({ requests: 0n }));
  const lines = STAT_HEADER.split(/(?<=\n)/) as [string, string];
  for (let i = 0; ; i++) {
    const rows = await Promise.all(nodes.map((n, j) => nodeRow(n, states[j]!, Math.max(interval, 2000))));
    if (i % 20 === 0) io.out.write(columns.header(lines));
    rows.forEach((row, j) => io.out.write(columns.prefix(nodes[j]!) + row));
    io.out.flush();
    await sleep(interval);
  }
}
