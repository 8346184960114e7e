// The same keys typed into redis-cli and into the line editor (both in tmux) leave the same screen and cursor.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDriver } from '../support/line-editor-session.js';
import { startRedis, stopAll, type RedisServer } from '../support/redis-server.js';
import { hasRedisCli, plainArgs } from '../support/run.js';
import { startTty, type Tty } from '../support/tty.js';

interface Pair { cli: Tty; ours: Tty; prompt: string }

let server: RedisServer;
const open: Tty[] = [];

beforeAll(async () => {
  if (hasRedisCli()) server = await startRedis({ tls: false });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});
afterAll(async () => {
  await stopAll(server);
});

/** redis-cli (no history file) and the driver with the same prompt, side by side in equal terminals. */
async function pair(cols = 80): Promise<Pair> {
  const prompt = `127.0.0.1:${server.port}> `;
  const cli = await startTty(['redis-cli', ...plainArgs(server)], { cols, env: { REDISCLI_HISTFILE: '/dev/null' } });
  open.push(cli);
  const ours = await startDriver({ prompt, cols });
  open.push(ours);
  await cli.waitFor(prompt.trimEnd());
  return { cli, ours, prompt };
}

/** Screen (with colours) and cursor, once they stop changing. */
async function settled(tty: Tty): Promise<{ screen: string; cursor: { x: number; y: number } }> {
  let last = '';
  let same = 0;
  for (let i = 0; i < 100; i++) {
    const now = JSON.stringify([await tty.screen({ escapes: true }), await tty.cursor()]);
    same = now === last ? same + 1 : 0;
    if (same >= 2) break;
    last = now;
    await sleep(40);
  }
  const [screen, cursor] = JSON.parse(last) as [string, { x: number; y: number }];
  return { screen, cursor };
}

/** Replies differ on purpose (redis-cli prints `(nil)`, the driver `=> line`): each is one line, masked alike. */
const maskReplies = (screen: string) => screen.replace(/^(\(nil\)|=> .*)$/gm, '<reply>');

/** Does the same thing in both terminals, then expects the same screen and cursor. */
async function same(p: Pair, step: (t: Tty) => Promise<void>): Promise<string> {
  await step(p.cli);
  await step(p.ours);
  const [a, b] = await Promise.all([settled(p.cli), settled(p.ours)]);
  expect(maskReplies(b.screen)).toBe(maskReplies(a.screen));
  expect(b.cursor).toEqual(a.cursor);
  return b.screen;
}

describe.skipIf(!hasRedisCli())('line editor vs redis-cli', () => {
  it('typing `get foo` shows the same grey hint, cursor moves, and Enter leaves the line without the hint', async () => {
    const p = await pair();
    await same(p, (t) => t.send('get'));
    expect(await same(p, (t) => t.send(' '))).toContain('get \x1b[90mkey');
    await same(p, (t) => t.key('BSpace'));
    await same(p, (t) => t.send(' '));
    await same(p, (t) => t.send('foo'));
    await same(p, (t) => t.key('Left', 'Left'));
    await same(p, (t) => t.key('C-a'));
    const after = await same(p, (t) => t.key('Enter'));
    expect(after.split('\n')[0]).toBe(`${p.prompt}get foo`);
  });

  it('editing keys: Ctrl-W, Ctrl-T, Ctrl-K, Ctrl-U, Delete, Home/End, Ctrl-L', async () => {
    const p = await pair();
    await same(p, (t) => t.send('set key  value'));
    await same(p, (t) => t.key('C-w'));
    await same(p, (t) => t.key('Left', 'Left', 'C-t'));
    await same(p, (t) => t.key('C-k'));
    await same(p, (t) => t.key('C-a', 'C-d', 'DC'));
    await same(p, (t) => t.key('C-e'));
    await same(p, (t) => t.key('C-l'));
    await same(p, (t) => t.key('C-u'));
  });

  it('TAB cycles to the candidate, beeps back to the original, and a key accepts it', async () => {
    const p = await pair();
    await same(p, (t) => t.send('getd'));
    await same(p, (t) => t.key('Tab'));
    await same(p, (t) => t.key('Tab'));
    await same(p, (t) => t.key('Tab'));
    await same(p, (t) => t.send(' k'));
    await same(p, (t) => t.key('Enter'));
  });

  it('history: Up/Down and Ctrl-P/Ctrl-N over lines typed in the session', async () => {
    const p = await pair();
    await same(p, (t) => t.send('get a'));
    await same(p, (t) => t.key('Enter'));
    await same(p, (t) => t.send('get b'));
    await same(p, (t) => t.key('Enter'));
    await same(p, (t) => t.send('draft'));
    await same(p, (t) => t.key('Up'));
    await same(p, (t) => t.key('C-p'));
    await same(p, (t) => t.key('Up'));
    await same(p, (t) => t.key('Down'));
    await same(p, (t) => t.key('C-n'));
  });

  it('a long line wraps at 40 columns the same way, through edits and the exact-width edge', async () => {
    const p = await pair(40);
    const fill = 40 - p.prompt.length; // the line then ends exactly at the right edge
    await same(p, (t) => t.send('x'.repeat(fill - 1)));
    await same(p, (t) => t.send('y'));
    await same(p, (t) => t.send('z'));
    await same(p, (t) => t.key('BSpace'));
    await same(p, (t) => t.key('BSpace'));
    await same(p, (t) => t.send('0123456789'.repeat(7)));
    await same(p, (t) => t.key('C-a'));
    await same(p, (t) => t.send('Y'));
    await same(p, (t) => t.key(...Array<string>(45).fill('Right')));
    await same(p, (t) => t.send('Z'));
    await same(p, (t) => t.key('C-k'));
    await same(p, (t) => t.key('End', 'C-w'));
    await same(p, (t) => t.key('C-l'));
    await same(p, (t) => t.key('C-u'));
    await same(p, (t) => t.send('q'));
  });

  it('a hint is cut at the right edge and disappears once the line reaches it', async () => {
    const p = await pair(40);
    await same(p, (t) => t.send('set '));
    await same(p, (t) => t.send('k'));
    for (let i = 0; i < 8; i++) await same(p, (t) => t.send(' v'));
    await same(p, (t) => t.key('C-a'));
    await same(p, (t) => t.key('C-k'));
  });
});
