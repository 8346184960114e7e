// --stat (redis-cli statMode): INFO every -i seconds (default 1), a header every 20 rows; or one row per node.
import type { ModeIO } from '../../output/fd-output.js';
import type { Reply } from '../../resp/types.js';
import type { Session } from '../../session/session.js';
import { argvOf, ModeExit, reconnectingCommand, sleep } from './mode-basics.js';
import { nodeCommand, type NodeColumns, type NodeTarget } from './node-list.js';
import { STAT_HEADER, statRow, type StatState } from './stat-row.js';

/** The INFO text of a reply (bulk in RESP2, verbatim in RESP3). */
export function infoText(reply: Reply): string {
  return reply.type === 'bulk' || reply.type === 'verbatim' ? reply.value.toString('latin1') : '';
}

/**
 * Runs until killed (redis-cli installs no Ctrl-C handler here). Rows are flushed one by one, also into a pipe,
 * where redis-cli's stdio buffer would hold them back 4 KiB at a time.
 */
export async function runStat(session: Session, intervalUs: number, io: ModeIO): Promise<number> {
  const state: StatState = { requests: 0n };
  for (let i = 0; ; i++) {
    const reply = await reconnectingCommand(session, argvOf('INFO'), io.out);
    if (reply.type === 'error') throw new ModeExit(`ERROR: ${reply.value.toString('latin1')}`);
    if (i % 20 === 0) io.out.write(STAT_HEADER);
    io.out.write(statRow(infoText(reply), state));
    io.out.flush();
    await sleep((intervalUs || 1_000_000) / 1000);
  }
}

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
