// Keeps the house rules on dependencies: resp/ and format/ stay pure, and only main.ts touches process state.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)]
    .map((m) => m[1] ?? m[2]);
}

const files = sources().map((f) => ({ path: relative(SRC, f), file: f }));

describe('import rules', () => {
  it('resp/* imports nothing of ours but resp/types', () => {
    for (const { path, file } of files.filter((f) => f.path.startsWith('resp/'))) {
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) expect([path, spec]).toEqual([path, './types.js']);
      }
    }
  });

  it('format/* imports only resp/types and its siblings', () => {
    for (const { path, file } of files.filter((f) => f.path.startsWith('format/'))) {
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) { expect.fail(`${path} imports package ${spec}`); continue; }
        const ok = spec === '../resp/types.js' || /^\.\/[a-z0-9-]+\.js$/.test(spec);
        expect(ok, `${path} imports ${spec}`).toBe(true);
      }
    }
  });

  it('only main.ts reads process.argv / process.env or calls process.exit', () => {
    for (const { path, file } of files.filter((f) => f.path !== 'main.ts')) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(/process\.(argv|env|exit)\b/.test(code), path).toBe(false);
    }
  });
});
