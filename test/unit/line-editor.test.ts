// Line editor pieces without a terminal: key decoding, cell widths, linenoise's refresh bytes, key handling, pipes.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeKey, KeyReader, type Key } from '../../src/repl/key-reader.js';
import { LineEditor } from '../../src/repl/line-editor.js';
import { graphemeWidth, layout, renderMultiLine, strWidth } from '../../src/repl/line-render.js';
import { LineState } from '../../src/repl/line-state.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const text = (t: string): Key => ({ kind: 'text', text: t });
const ctrl = (c: string): Key => ({ kind: 'ctrl', code: c.charCodeAt(0) & 0x1f });
const ENTER: Key = { kind: 'ctrl', code: 13 };

describe('decodeKey', () => {
  it('decodes text runs, controls and the sequences linenoise knows (plus ESC [ 1 ~ and ESC O A)', () => {
    expect(decodeKey(bytes('ab\rc'), false)).toEqual({ key: text('ab'), size: 2 });
    expect(decodeKey(bytes('\x7f'), false)).toEqual({ key: { kind: 'ctrl', code: 127 }, size: 1 });
    const seq = (s: string) => decodeKey(bytes(s), false)?.key;
    expect(seq('\x1b[A')).toEqual({ kind: 'seq', name: 'up' });
    expect(seq('\x1b[3~')).toEqual({ kind: 'seq', name: 'delete' });
    expect(seq('\x1b[1~')).toEqual({ kind: 'seq', name: 'home' });
    expect(seq('\x1bOF')).toEqual({ kind: 'seq', name: 'end' });
    expect(seq('\x1bOB')).toEqual({ kind: 'seq', name: 'down' });
    expect(decodeKey(bytes('\x1b[1;5Cx'), false)).toEqual({ key: { kind: 'seq', name: 'other' }, size: 6 });
  });

  it('waits for the rest of a split UTF-8 character or ESC sequence, unless final', () => {
    const ja = bytes('日');
    expect(decodeKey(ja.subarray(0, 2), false)).toBeUndefined();
    expect(decodeKey(Buffer.concat([bytes('a'), ja.subarray(0, 1)]), false)).toEqual({ key: text('a'), size: 1 });
    expect(decodeKey(ja.subarray(0, 2), true)?.key).toEqual(text('\uFFFD'));
    expect(decodeKey(bytes('\x1b'), false)).toBeUndefined();
    expect(decodeKey(bytes('\x1b['), false)).toBeUndefined();
    expect(decodeKey(bytes('\x1b'), true)).toEqual({ key: { kind: 'escape' }, size: 1 });
    expect(decodeKey(bytes('\x1b\x09'), false)).toEqual({ key: { kind: 'escape' }, size: 1 });
  });

  it('KeyReader tells a lone ESC by the pause after it, and keeps bytes past a finished line', async () => {
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    const reader = new KeyReader(input, 10);
    const keys: Key[] = [];
    const done = new Promise<void>((resolve) => {
      reader.start((k) => (keys.push(k), k.kind === 'ctrl' && k.code === 13 ? (resolve(), true) : false), () => {});
    });
    (input as unknown as PassThrough).write('\x1b');
    await new Promise((r) => setTimeout(r, 30));
    (input as unknown as PassThrough).write('x\rleft');
    await done;
    expect(keys).toEqual([{ kind: 'escape' }, text('x'), ENTER]);
    const rest: Key[] = [];
    reader.start((k) => (rest.push(k), true), () => {});
    expect(rest).toEqual([text('left')]);
  });
});

describe('cell widths and layout', () => {
  it('counts wide characters as 2, combining marks as 0, and ignores SGR codes', () => {
    expect(strWidth('日本語')).toBe(6);
    expect(strWidth('e\u0301')).toBe(1);
    expect(graphemeWidth('😀')).toBe(2);
    expect(strWidth('\x1b[1mab\x1b[0m')).toBe(2);
  });

  it('starts a wide character that would straddle the edge on the next row', () => {
    expect(layout(2, ['a', '日', 'b'], 4)).toEqual([2, 4, 6, 7]);
    expect(layout(3, ['日'], 4)).toEqual([4, 6]);
  });
});

describe('renderMultiLine', () => {
  it('writes what linenoise writes for a first refresh and for a line that fills the row', () => {
    const s = { cols: 10, maxRows: 0, oldCursor: 0 };
    const frame = { prompt: '> ', promptWidth: 2, text: 'abc', cursorCell: 5, endCell: 5, hint: ' key', extraCol: 0, atEnd: true };
    expect(renderMultiLine(frame, s)).toBe('\r\x1b[0K> abc\x1b[0;90;49m key\x1b[0m\r\x1b[5C');
    const full = { ...frame, text: 'abcdefgh', cursorCell: 10, endCell: 10, hint: '' };
    expect(renderMultiLine(full, s)).toBe('\r\x1b[0K> abcdefgh\n\r\r');
    expect(s).toEqual({ cols: 10, maxRows: 2, oldCursor: 8 });
    // Back to a short line: go up from row 2, clear both rows.
    expect(renderMultiLine({ ...frame, hint: '' }, s)).toBe('\r\x1b[0K\x1b[1A\r\x1b[0K> abc\r\x1b[5C');
  });
});

describe('LineState', () => {
  const run = (state: LineState, keys: Key[]) => keys.map((k) => state.handle(k)).find((r) => r !== undefined);

  it('Ctrl-R cycles to older matches and Enter runs the match shown', () => {
    const state = new LineState({ prompt: '> ', cols: 80, history: ['set a 1', 'get a', 'set b 2'] });
    expect(run(state, [ctrl('r'), text('set'), ctrl('r'), ENTER])).toEqual({ kind: 'line', line: 'set a 1' });
    const esc = new LineState({ prompt: '> ', cols: 80, history: ['get a'] });
    expect(run(esc, [text('x'), ctrl('r'), text('get'), { kind: 'escape' }])).toBeUndefined();
    expect(esc.text).toBe('');
    expect(run(esc, [ctrl('r'), text('a'), ctrl('i'), text('b'), ENTER])).toEqual({ kind: 'line', line: 'get ab' });
  });

  it('TAB cycles, wraps to the original with a beep, and the next key accepts the shown candidate', () => {
    const complete = (l: string) => ['GET', 'GETDEL'].filter((c) => c.startsWith(l.toUpperCase()));
    const state = new LineState({ prompt: '> ', cols: 80, history: [], complete });
    run(state, [text('ge'), ctrl('i'), ctrl('i'), ctrl('i')]);
    expect(state.out).toContain('\x07');
    expect(run(state, [ctrl('i'), ctrl('i'), text(' k'), ENTER])).toEqual({ kind: 'line', line: 'GETDEL k' });
  });

  it('Ctrl-C interrupts (never EOF); Ctrl-D is EOF only on an empty line', () => {
    const state = new LineState({ prompt: '> ', cols: 80, history: [] });
    expect(run(state, [text('abc'), ctrl('c')])).toEqual({ kind: 'interrupt' });
    const other = new LineState({ prompt: '> ', cols: 80, history: [] });
    expect(run(other, [text('ab'), ctrl('a'), ctrl('d')])).toBeUndefined();
    expect(other.text).toBe('b');
    expect(run(other, [ctrl('u'), ctrl('d')])).toEqual({ kind: 'eof' });
  });
});

describe('LineEditor without a tty', () => {
  it('reads plain lines with no prompt, then eof', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (d: Buffer) => (written += d.toString()));
    const editor = new LineEditor({
      input: input as unknown as NodeJS.ReadStream, output: output as unknown as NodeJS.WriteStream,
      history: { entries: () => [], add: () => {} },
    });
    input.end('ping\nget k\nlast');
    expect(await editor.readLine('> ')).toEqual({ kind: 'line', line: 'ping' });
    expect(await editor.readLine('> ')).toEqual({ kind: 'line', line: 'get k' });
    expect(await editor.readLine('> ')).toEqual({ kind: 'line', line: 'last' });
    expect(await editor.readLine('> ')).toEqual({ kind: 'eof' });
    editor.close();
    expect(written).toBe('');
  });
});
