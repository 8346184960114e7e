// Key-name completion without a server: the SCAN pattern, key words on the line, merging, which words are keys, the
// seen/scanned candidate logic, and late candidates in the TAB cycle (they never wait for, or undo, a key).
import { describe, expect, it } from 'vitest';
import { CommandCatalog } from '../../src/commands/catalog.js';
import { splitArgs } from '../../src/commands/split-args.js';
import type { Key } from '../../src/repl/key-reader.js';
import { keyArguments } from '../../src/repl/hints.js';
import { keyWord, mergeCandidates, prefixPattern, RecentKeys, splitLastWord } from '../../src/repl/key-candidates.js';
import { KeyCompletion } from '../../src/repl/key-completion.js';
import type { ScanResult } from '../../src/repl/key-scan.js';
import { LineState } from '../../src/repl/line-state.js';

const catalog = CommandCatalog.bundled();
const text = (t: string): Key => ({ kind: 'text', text: t });
const TAB: Key = { kind: 'ctrl', code: 9 };
const ENTER: Key = { kind: 'ctrl', code: 13 };
const argv = (line: string) => splitArgs(Buffer.from(line))!;

describe('pure pieces', () => {
  it('escapes every glob character of the typed prefix, then matches anything after it', () => {
    expect(prefixPattern(Buffer.from('us')).toString()).toBe('us*');
    expect(prefixPattern(Buffer.from('a*b?c[d]e\\f')).toString()).toBe('a\\*b\\?c\\[d\\]e\\\\f*');
    expect(prefixPattern(Buffer.from('')).toString()).toBe('*');
  });

  it('types a key so the line splits back into it: as is, else quoted like redis-cli', () => {
    for (const key of ['user:1000', 'clé', 'a\\b', 'x y', 'it\'s', 'say "hi"', '', '\x01\xff']) {
      const raw = Buffer.from(key, key === '\x01\xff' ? 'latin1' : 'utf8');
      expect(splitArgs(Buffer.from(`GET ${keyWord(raw)}`, 'utf8'))![1]).toEqual(raw);
    }
    expect(keyWord(Buffer.from('user:1000'))).toBe('user:1000');
    expect(keyWord(Buffer.from('x y'))).toBe('"x y"');
    expect(keyWord(Buffer.from([0xc3, 0x28]))).toBe('"\\xc3("');
  });

  it('splits off the word being typed, and merges candidate lists in order without duplicates', () => {
    expect(splitLastWord('GET us')).toEqual({ before: 'GET ', partial: 'us' });
    expect(splitLastWord('DEL a ')).toEqual({ before: 'DEL a ', partial: '' });
    expect(mergeCandidates(['SET k v EX', 'SET k v GET'], ['SET k v GET', 'SET k v key']))
      .toEqual(['SET k v EX', 'SET k v GET', 'SET k v key']);
  });

  it('remembers the most recent key names, forgetting the oldest', () => {
    const recent = new RecentKeys(2);
    for (const k of ['a', 'b', 'a', 'c']) recent.add(k);
    expect([...recent]).toEqual(['a', 'c']);
  });
});

describe('which words are keys (COMMAND DOCS argument type key)', () => {
  const keys = (line: string) => {
    const words = line.split(' ');
    const doc = catalog.match(words)!;
    return keyArguments(doc, words.slice(doc.words.length));
  };
  it('names the keys typed and whether a key comes next', () => {
    expect(keys('GET')).toEqual({ keys: [], nextIsKey: true });
    expect(keys('SET k')).toEqual({ keys: [0], nextIsKey: false });
    expect(keys('MSET a 1 b 2')).toEqual({ keys: [0, 2], nextIsKey: true });
    expect(keys('XREAD COUNT 1 STREAMS s1')).toEqual({ keys: [3], nextIsKey: true });
    expect(keys('OBJECT ENCODING')).toEqual({ keys: [], nextIsKey: true });
    expect(keys('CLIENT LIST')).toEqual({ keys: [], nextIsKey: false });
  });
});

/** A scan that answers when told to, and counts its calls. */
function fakeScan() {
  const calls: string[] = [];
  let answer: (r: ScanResult) => void = () => undefined;
  const scan = (prefix: Buffer) => {
    calls.push(prefix.toString('latin1'));
    return new Promise<ScanResult>((resolve) => { answer = resolve; });
  };
  return { calls, scan, answer: (names: string[], complete = false) => answer({ names, complete }) };
}

describe('KeyCompletion', () => {
  it('offers keys typed earlier at once, and the server\'s when they arrive; nothing where no key goes', async () => {
    const server = fakeScan();
    let now = 0;
    const kc = new KeyCompletion(() => catalog, server.scan, () => now);
    kc.remember(argv('SET user:typed 1'));
    kc.remember(argv('GET other'));
    expect(kc.now('GET us')).toEqual(['GET user:typed']);
    expect(kc.now('SET k us')).toEqual([]);
    expect(kc.later('SET k us')).toBeUndefined();
    expect(kc.now('CLIENT ')).toEqual([]);
    const later = kc.later('GET us')!;
    server.answer(['user:1000', 'user:typed', 'x y']);
    expect(await later).toEqual(['GET user:1000', 'GET user:typed']);
    expect(server.calls).toEqual(['us']);
    // A fresh answer is reused (no second SCAN for the same prefix), then asked again once stale.
    expect(kc.later('GET us')).toBeUndefined();
    expect(kc.now('GET user:1')).toEqual(['GET user:1000']);
    now = 10_000;
    expect(kc.now('GET user:1')).toEqual([]);
    expect(kc.later('GET us')).toBeDefined();
  });

  it('a complete answer for a shorter prefix covers longer ones; a quoted word is left alone', async () => {
    const server = fakeScan();
    const kc = new KeyCompletion(() => catalog, server.scan, () => 0);
    const later = kc.later('DEL ')!;
    server.answer(['a:1', 'a:2', 'b:1'], true);
    expect(await later).toEqual(['DEL a:1', 'DEL a:2', 'DEL b:1']);
    expect(kc.later('DEL a')).toBeUndefined();
    expect(kc.now('DEL a:')).toEqual(['DEL a:1', 'DEL a:2']);
    expect(kc.now('DEL "a')).toEqual([]);
  });
});

describe('late candidates in the TAB cycle', () => {
  const run = (s: LineState, keys: Key[]) => keys.map((k) => s.handle(k)).find((r) => r !== undefined);
  const setup = (now: string[]) => {
    let resolve: (list: string[]) => void = () => undefined;
    let written = 0;
    const state = new LineState({
      prompt: '> ', cols: 80, history: [], complete: () => now,
      completeLater: () => new Promise<string[]>((r) => { resolve = r; }), onOutput: () => { written++; },
    });
    const arrive = async (list: string[]) => {
      resolve(list);
      await new Promise((r) => setImmediate(r));
    };
    return { state, arrive, written: () => written };
  };

  it('start the cycle when nothing was typed since the TAB, without a beep before', async () => {
    const t = setup([]);
    run(t.state, [text('GET us'), TAB]);
    expect(t.state.out).not.toContain('\x07');
    t.state.out = '';
    await t.arrive(['GET user:1000', 'GET user:1001']);
    expect(t.state.out).toContain('GET user:1000');
    expect(t.written()).toBe(1);
    expect(run(t.state, [TAB, ENTER])).toEqual({ kind: 'line', line: 'GET user:1001' });
  });

  it('are dropped once a key was typed after the TAB, so typing never waits and the line is never changed', async () => {
    const t = setup([]);
    run(t.state, [text('GET us'), TAB, text('e')]);
    t.state.out = '';
    await t.arrive(['GET user:1000']);
    expect(t.state.out).toBe('');
    expect(t.written()).toBe(0);
    expect(run(t.state, [ENTER])).toEqual({ kind: 'line', line: 'GET use' });
  });

  it('join a cycle already showing the quick candidates, keeping the one shown', async () => {
    const t = setup(['GET user:typed']);
    run(t.state, [text('GET us'), TAB]);
    await t.arrive(['GET user:1000', 'GET user:typed']);
    // The list is now [user:1000, user:typed] with user:typed shown: TAB beeps back to the line, TAB shows user:1000.
    expect(run(t.state, [TAB, TAB, ENTER])).toEqual({ kind: 'line', line: 'GET user:1000' });
  });

  it('beep when the answer is empty and the line is untouched', async () => {
    const t = setup([]);
    run(t.state, [text('GET zz'), TAB]);
    t.state.out = '';
    await t.arrive([]);
    expect(t.state.out).toBe('\x07');
  });
});
