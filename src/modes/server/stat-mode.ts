// --stat (redis-cli statMode): INFO every -i seconds (default 1), a header every 20 rows, one row per INFO.
import type { ModeIO } from '../../output/fd-output.js';
import type { Reply } from '../../resp/types.js';
import type { Session } from '../../session/session.js';
import { ModeExit, sleep } from './mode-exit.js';
import { argvOf, reconnectingCommand } from './reconnecting-command.js';
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
