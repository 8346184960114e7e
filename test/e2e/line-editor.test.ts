// The line editor in a real terminal (tmux): editing keys, history, TAB cycling, hints, Ctrl-C/Ctrl-D, search, wrapping.
import { afterEach, describe, expect, it } from 'vitest';
import { startDriver as start, type DriverOptions } from '../support/line-editor-session.js';
import type { Tty } from '../support/tty.js';

const P = '127.0.0.1:6379>';
const open: Tty[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

async function startDriver(opts: DriverOptions = {}): Promise<Tty> {
  const tty = await start(opts);
  open.push(tty);
  return tty;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until the screen's last line is exactly `line` (trailing spaces ignored). */
async function lastLine(tty: Tty, line: string): Promise<string> {
  const want = line.split('\n').map((l) => escapeRe(l.trimEnd())).join('\\n');
  return tty.waitFor(new RegExp(`(^|\\n)${want}$`));
}

/** Presses Enter and waits for the driver's echo of `expected` and the next prompt. */
async function enter(tty: Tty, expected: string, prompt = P): Promise<string> {
  await tty.key('Enter');
  return lastLine(tty, `=> ${expected}\n${prompt}`);
}

describe('line editor in a terminal', () => {
  it('types a line and submits it with Enter', async () => {
    const tty = await startDriver();
    await tty.send('ping');
    await lastLine(tty, `${P} ping [message]`); // the hint, in grey
    expect(await tty.cursor()).toEqual({ x: P.length + 5, y: 0 });
    const screen = await enter(tty, 'ping');
    expect(screen).toBe(`${P} ping\n=> ping\n${P}`);
  });

  it('moves and edits: Ctrl-A insert, arrows, Home/End, Delete, Ctrl-T, Ctrl-W, Ctrl-U, Ctrl-K, Ctrl-D', async () => {
    const tty = await startDriver();
    await tty.send('et foo');
    await tty.key('C-a');
    await tty.send('g');
    await enter(tty, 'get foo');

    await tty.send('acd');
    await tty.key('Left', 'Left');
    await tty.send('b');
    await tty.key('Home');
    await tty.send('X');
    await tty.key('End');
    await tty.send('Y');
    await tty.key('C-b', 'C-b', 'DC', 'C-f');
    await tty.send('Z');
    await enter(tty, 'XabcYZ');

    await tty.send('ab');
    await tty.key('Left', 'C-t');
    await enter(tty, 'ba');

    await tty.send('set key  value');
    await tty.key('C-w');
    await enter(tty, 'set key  ');

    await tty.send('abc def');
    await tty.key('Left', 'Left', 'C-u');
    await tty.send('x');
    await enter(tty, 'x');

    await tty.send('hello world');
    await tty.key('Left', 'Left', 'Left', 'Left', 'Left', 'C-k');
    await enter(tty, 'hello ');

    await tty.send('abc');
    await tty.key('Left', 'C-d', 'BSpace', 'C-h');
    await enter(tty, '');
  });

  it('browses history with Up/Down and Ctrl-P/Ctrl-N, keeping the line being typed', async () => {
    const tty = await startDriver({ history: ['first', 'second'] });
    await tty.send('draft');
    await tty.key('Up');
    await lastLine(tty, `${P} second`);
    await tty.key('C-p');
    await lastLine(tty, `${P} first`);
    await tty.key('Up');
    await lastLine(tty, `${P} first`);
    await tty.key('Down');
    await lastLine(tty, `${P} second`);
    await tty.key('C-n');
    await lastLine(tty, `${P} draft`);
    await tty.key('Up', 'Up');
    await enter(tty, 'first');
    await tty.key('Up');
    await lastLine(tty, `${P} first`);
    await tty.key('Up');
    await lastLine(tty, `${P} second`);
  });

  it('cycles TAB candidates, beeps back to the original, ESC restores, other keys accept', async () => {
    const tty = await startDriver();
    // The shell's completer over the bundled command docs: INCRBY and INCRBYFLOAT start with "incrb".
    await tty.send('incrb');
    await tty.key('Tab');
    await lastLine(tty, `${P} INCRBY key increment`);
    await tty.key('Tab');
    await lastLine(tty, `${P} INCRBYFLOAT key increment`);
    await tty.key('Tab');
    await lastLine(tty, `${P} incrb`);
    await tty.key('Tab');
    await lastLine(tty, `${P} INCRBY key increment`);
    await tty.key('Tab', 'Escape');
    await lastLine(tty, `${P} incrb`);
    await tty.send('y ');
    await lastLine(tty, `${P} incrby key increment`);
    await tty.key('C-u');
    await tty.send('getd');
    await tty.key('Tab');
    await lastLine(tty, `${P} GETDEL key`);
    await tty.send(' k');
    await enter(tty, 'GETDEL k');
  });

  it('shows the hint in grey after the line, and drops it on Enter', async () => {
    const tty = await startDriver();
    await tty.send('get');
    await lastLine(tty, `${P} get key`);
    expect(await tty.screen({ escapes: true })).toContain(`${P} get\x1b[90m key`);
    await tty.send(' ');
    await lastLine(tty, `${P} get key`);
    expect(await tty.screen({ escapes: true })).toContain(`${P} get \x1b[90mkey`);
    expect(await tty.cursor()).toEqual({ x: P.length + 5, y: 0 });
    await tty.send('foo');
    await lastLine(tty, `${P} get foo`);
    await tty.send(' ');
    await lastLine(tty, `${P} get foo`);
    const screen = await enter(tty, 'get foo ');
    expect(screen.split('\n')[0]).toBe(`${P} get foo`);
  });

  it('Ctrl-C drops the typed line and gives a fresh prompt; Ctrl-D on an empty line ends', async () => {
    const tty = await startDriver();
    await tty.send('get foo');
    await lastLine(tty, `${P} get foo`);
    await tty.key('C-c');
    await lastLine(tty, `${P} get foo\n${P}`);
    await tty.key('C-c');
    await lastLine(tty, `${P} get foo\n${P}\n${P}`);
    await tty.send('ping');
    const screen = await enter(tty, 'ping');
    expect(screen).not.toContain('=> get foo');
    await tty.key('C-d');
    await lastLine(tty, `${P}\nbye`);
    await expect.poll(() => tty.exited()).toBe(true);
  });

  it('Ctrl-R finds the newest match, cycles to older ones, Enter runs the match', async () => {
    const tty = await startDriver({ history: ['set a 1', 'get a', 'set b 2', 'get b'] });
    await tty.send('zz');
    await tty.key('C-r');
    await lastLine(tty, '(reverse-i-search):');
    await tty.send('set');
    await lastLine(tty, '(reverse-i-search): set b 2');
    // tmux re-encodes attributes: bold on, then a reset (plus its own default-colour codes) before the rest.
    expect(await tty.screen({ escapes: true })).toMatch(/\(reverse-i-search\): \x1b\[1mset\x1b\[0m(\x1b\[\d+m)* b 2/);
    await tty.key('C-r');
    await lastLine(tty, '(reverse-i-search): set a 1');
    await tty.key('C-r'); // no older match: stays
    await lastLine(tty, '(reverse-i-search): set a 1');
    await tty.key('C-s');
    await lastLine(tty, '(i-search): set b 2');
    const screen = await enter(tty, 'set b 2');
    expect(screen.split('\n')[0]).toBe(`${P} set b 2`);

    await tty.key('C-r');
    await tty.send('a');
    await lastLine(tty, '(reverse-i-search): get a');
    expect(await tty.cursor()).toEqual({ x: '(reverse-i-search): '.length + 5, y: 2 });
    await tty.key('C-g');
    await lastLine(tty, P);
    await tty.key('C-r');
    await tty.send('get');
    await lastLine(tty, '(reverse-i-search): get b');
    await tty.key('Tab');
    await lastLine(tty, `${P} get b`);
    await tty.send('x');
    await enter(tty, 'get bx');
  });

  it('wraps a long line at 40 columns and redraws it after edits', async () => {
    const tty = await startDriver({ cols: 40, prompt: '> ' });
    const long = 'abcdefghij'.repeat(9); // 2 + 90 cells: rows of 40, 40, 12
    await tty.send(long);
    await lastLine(tty, `> ${long.slice(0, 38)}\n${long.slice(38, 78)}\n${long.slice(78)}`);
    expect(await tty.cursor()).toEqual({ x: 12, y: 2 });
    await tty.key('C-a');
    await tty.send('X');
    const moved = `X${long}`;
    await lastLine(tty, `> ${moved.slice(0, 38)}\n${moved.slice(38, 78)}\n${moved.slice(78)}`);
    expect(await tty.cursor()).toEqual({ x: 3, y: 0 });
    await tty.key('C-e', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
    const cut = moved.slice(0, 78); // 2 + 78 = exactly two full rows: the cursor goes to the start of row 3
    await lastLine(tty, `> ${cut.slice(0, 38)}\n${cut.slice(38)}`);
    expect(await tty.cursor()).toEqual({ x: 0, y: 2 });
    await tty.key('C-u');
    await tty.waitFor(/^>$/);
    await tty.send('short');
    expect(await enter(tty, 'short', '>')).toBe('> short\n=> short\n>');
  });

  it('edits wide (CJK) characters as one each and wraps them whole at the right edge', async () => {
    const tty = await startDriver({ cols: 40, prompt: '> ' });
    await tty.send('日本語');
    await tty.key('Left');
    await tty.send('x');
    await lastLine(tty, '> 日本x語');
    expect(await tty.cursor()).toEqual({ x: 7, y: 0 });
    await tty.key('BSpace', 'BSpace', 'C-e');
    await tty.send('字'.repeat(19)); // 2 + 2 + 2 + 19 * 2 = 44 cells: the 18th starts at column 38, the 19th wraps
    await lastLine(tty, `> 日語${'字'.repeat(17)}\n${'字'.repeat(2)}`);
    expect(await tty.cursor()).toEqual({ x: 4, y: 1 });
    await tty.key('Enter');
    await tty.waitFor(/^=> 日語/m);
    await lastLine(tty, '>');
  });

  it('takes pasted lines one by one and is in cooked mode between lines', async () => {
    const tty = await startDriver();
    await tty.send('one\rtwo\r:stty\r');
    const screen = await lastLine(tty, `=> :stty\nicanon echo isig\n${P}`);
    expect(screen).toBe(`${P} one\n=> one\n${P} two\n=> two\n${P} :stty\n=> :stty\nicanon echo isig\n${P}`);
  });
});
