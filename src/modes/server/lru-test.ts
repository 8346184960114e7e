// --lru-test <keys> (redis-cli LRUTestMode): 1-second cycles of pipelined SET/GET on an 80-20 key distribution.
import type { ModeIO } from '../../output/fd-output.js';
import type { Reply } from '../../resp/types.js';
import type { Session } from '../../session/session.js';
import { cFixed } from '../../util/c-printf.js';
import { ModeExit, mstime } from './mode-basics.js';

const CYCLE_MS = 1000;
const PIPELINE = 250;

/** powerLawRand(min, max, alpha): with alpha 6.2, 20% of the keys get 80% of the requests. */
export function powerLawRand(min: number, max: number, alpha: number, r = Math.random()): number {
  const top = max + 1;
  const pl = Math.pow((Math.pow(top, alpha + 1) - Math.pow(min, alpha + 1)) * r + Math.pow(min, alpha + 1), 1 / (alpha + 1));
  return top - 1 - Math.trunc(pl) + min;
}

const randomKey = (keys: number) => `lru:${powerLawRand(1, keys, 6.2)}`;

/** Five characters from 'A' to 'y', as redis-cli's 'A'+rand()%('z'-'A'). */
function randomValue(): string {
  return Array.from({ length: 5 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 57))).join('');
}

/** One cycle line; a cycle with no hit or miss prints "-nan" percentages like glibc's 0.0/0.0. */
export function lruLine(hits: number, misses: number): string {
  const total = hits + misses;
  const pct = (n: number) => (total === 0 ? '-nan' : cFixed((n / total) * 100, 2));
  return `${total} Gets/sec | Hits: ${hits} (${pct(hits)}%) | Misses: ${misses} (${pct(misses)}%)\n`;
}

/** Writes the commands at once and waits for their replies; throws when the connection broke first. */
async function pipeline(session: Session, commands: string[][]): Promise<Reply[]> {
  const { replies, failure } = await session.executeAll(commands);
  if (failure) throw failure;
  return replies;
}

/** Runs until killed (no Ctrl-C handler in redis-cli); a lost connection ends it with redis-cli's words. */
export async function runLruTest(session: Session, keys: number, io: ModeIO): Promise<number> {
  for (;;) {
    const startCycle = mstime();
    let hits = 0;
    let misses = 0;
    while (mstime() - startCycle < CYCLE_MS) {
      try {
        await pipeline(session, Array.from({ length: PIPELINE }, () => ['SET', randomKey(keys), randomValue()]));
        const replies = await pipeline(session, Array.from({ length: PIPELINE }, () => ['GET', randomKey(keys)]));
        for (const reply of replies) {
          if (reply.type === 'error') io.warn(reply.value.toString('latin1'));
          else if (reply.type === 'null') misses++;
          else hits++;
        }
      } catch {
        throw new ModeExit('I/O error during LRU test');
      }
    }
    io.out.write(lruLine(hits, misses));
    io.out.flush();
  }
}
