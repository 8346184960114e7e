// House rules for src/format: what the formatters may import, that they never throw, and that huge replies are cheap.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatReply } from '../../src/format/index.js';
import type { Reply } from '../../src/resp/types.js';
import { arr, bulk, DEFAULTS, int, map, MODES } from './format-builders.js';

const DIR = fileURLToPath(new URL('../../src/format', import.meta.url));
const importsOf = (file: string): string[] =>
  [...readFileSync(join(DIR, file), 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1]!,
  );

describe('imports', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  it('finds one writer per mode', () => {
    const expected = ['csv-writer.ts', 'index.ts', 'json-writer.ts', 'raw-writer.ts', 'repr.ts', 'tty-writer.ts'];
    expect(files).toEqual(expect.arrayContaining(expected));
  });

  it('each writer imports only ../resp/types.js and its siblings', () => {
    const siblings = files.map((f) => `./${f.replace(/\.ts$/, '.js')}`);
    for (const f of files.filter((f) => f !== 'index.ts')) {
      for (const spec of importsOf(f)) expect(['../resp/types.js', ...siblings], `${f}: ${spec}`).toContain(spec);
    }
  });

  it('index.ts adds only its sibling formatters', () => {
    const siblings = files.map((f) => `./${f.replace(/\.ts$/, '.js')}`);
    for (const spec of importsOf('index.ts')) expect(['../resp/types.js', ...siblings], spec).toContain(spec);
  });

  it('no formatter touches process, the console or the file system', () => {
    for (const f of files) expect(readFileSync(join(DIR, f), 'utf8'), f).not.toMatch(/\bprocess\.|console\.|node:/);
  });
});

describe('never throws', () => {
  const odd: Array<[string, Reply]> = [
    ['an unknown reply type', { type: 'mystery' } as unknown as Reply],
    ['an unknown type nested in a map', map([{ type: 'mystery' } as unknown as Reply, int(1)])],
    ['a deep nest', Array.from({ length: 2000 }).reduce<Reply>((r) => arr(r), bulk('x'))],
    ['a nest deeper than the stack', Array.from({ length: 200_000 }).reduce<Reply>((r) => arr(r), bulk('x'))],
  ];
  for (const [name, reply] of odd) {
    it(name, () => {
      for (const mode of MODES) expect(() => formatReply(reply, mode, DEFAULTS), mode).not.toThrow();
      expect(() => formatReply(reply, 'tty', { ...DEFAULTS, verbatim: true })).not.toThrow();
    });
  }

  it('a reply deeper than the JS stack prints completely (the writers keep their own stack)', () => {
    const deep = Array.from({ length: 200_000 }).reduce<Reply>((r) => arr(r), bulk('x'));
    expect(formatReply(deep, 'tty', DEFAULTS)).toBe(`${'1) '.repeat(200_000)}"x"\n`);
    expect(formatReply(deep, 'json', DEFAULTS)).toBe(`${'['.repeat(200_000)}"x"${']'.repeat(200_000)}\n`);
  });

  it('an unknown output mode falls back to TTY', () => {
    expect(formatReply(int(1), 'xml' as never, DEFAULTS)).toBe('(integer) 1\n');
  });
});

describe('large replies', () => {
  it('formats 200,000 elements in every mode quickly', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => bulk(`member:${i}`));
    const big: Reply = { type: 'array', items };
    const start = performance.now();
    const sizes = MODES.map((mode) => Buffer.from(formatReply(big, mode, DEFAULTS), 'latin1').length);
    expect(performance.now() - start).toBeLessThan(5_000);
    // tty lines are "NNNNNN) \"member:i\"\n" with the index right-aligned to 6 digits.
    expect(sizes[0]).toBe(items.reduce((n, r) => n + 8 + 3 + (r.type === 'bulk' ? r.value.length : 0), 0));
  });

  it('pads indexes to the widest one (6 digits at 100,000+)', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => int(i));
    const out = formatReply({ type: 'array', items }, 'tty', DEFAULTS);
    expect(out.startsWith('     1) (integer) 0\n     2) (integer) 1\n')).toBe(true);
    expect(out.endsWith('\n 99999) (integer) 99998\n100000) (integer) 99999\n')).toBe(true);
  });
});
