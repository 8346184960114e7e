// Keeps the layout honest: every folder imports only the folders the table allows, the folder graph has no cycle,
// resp/ and format/ stay pure, and only main.ts touches process.argv, process.env and process.exit.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

/**
 * Who may import whom, in the order data flows: argv -> cli -> settings -> (elasticache, auth -> aws) -> endpoint ->
 * net -> session -> modes / repl; format -> resp; commands is shared metadata below repl and modes. util/ and
 * version.ts are leaves anyone may use. A new folder must be added here, in its place.
 */
const ALLOWED: Record<string, readonly string[]> = {
  resp: [],
  util: [],
  format: ['resp'],
  cli: ['format', 'util'],
  settings: ['cli', 'format', 'util'],
  aws: ['util'],
  elasticache: ['aws', 'settings', 'util'],
  endpoint: ['elasticache', 'settings', 'util'],
  auth: ['aws', 'endpoint', 'settings', 'util'],
  commands: ['resp', 'util'],
  net: ['resp', 'settings', 'util'],
  session: ['auth', 'commands', 'endpoint', 'net', 'resp', 'settings', 'util'],
  output: ['commands', 'format', 'resp', 'settings', 'util'],
  ui: ['elasticache', 'settings', 'util'],
  modes: ['auth', 'cli', 'commands', 'elasticache', 'format', 'output', 'resp', 'session', 'settings', 'ui', 'util'],
  repl: ['commands', 'format', 'modes', 'output', 'resp', 'session', 'settings', 'ui', 'util'],
};
/** Files at the top of src/: the composition root and what only it uses, plus the version leaf. */
const ROOT_FILES = new Set(['main.ts', 'failure-words.ts', 'version.ts']);

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)]
    .map((m) => m[1] ?? m[2]);
}

/** The folder of a src path ('' for a top-level file). */
const folderOf = (path: string) => (path.includes('/') ? path.split('/')[0] : '');

const files = sources().map((f) => ({ path: relative(SRC, f), file: f }));
const edges = files.flatMap(({ path, file }) => imports(file)
  .filter((spec) => spec.startsWith('.') && !spec.endsWith('.json'))
  .map((spec) => ({ from: path, to: relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts') })));

describe('import rules', () => {
  it('every folder is in the table, and no folder has a name build tools skip', () => {
    const folders = new Set(files.map((f) => folderOf(f.path)).filter((f) => f !== ''));
    expect([...folders].filter((f) => !(f in ALLOWED))).toEqual([]);
    expect([...folders].filter((f) => /^(target|build|out|dist|node_modules|vendor)$/.test(f))).toEqual([]);
    expect(files.filter((f) => folderOf(f.path) === '').map((f) => f.path).sort()).toEqual([...ROOT_FILES].sort());
  });

  it('each folder imports only what the table allows (and only main uses the root files)', () => {
    const wrong = edges.filter(({ from, to }) => {
      const a = folderOf(from);
      const b = folderOf(to);
      if (a === b || a === '') return false;
      if (to === 'version.ts') return false;
      return b === '' || !ALLOWED[a]!.includes(b);
    });
    expect(wrong.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('the folder graph has no cycle (so no two folders import each other)', () => {
    const graph = new Map<string, Set<string>>();
    for (const { from, to } of edges) {
      const [a, b] = [folderOf(from), folderOf(to)];
      if (a !== b && a !== '' && b !== '') graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') { cycles.push([...trail, node].join(' -> ')); return; }
      state.set(node, 'visiting');
      for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });

  it('only session/ (and the composition root) imports net/: the session owns every connection', () => {
    const outside = edges.filter(({ from, to }) => folderOf(to) === 'net' && !['net', 'session', ''].includes(folderOf(from)));
    expect(outside.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('resp/* imports nothing of ours but its siblings', () => {
    for (const { path, file } of files.filter((f) => f.path.startsWith('resp/'))) {
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) expect(/^\.\/[a-z0-9-]+\.js$/.test(spec), `${path} imports ${spec}`).toBe(true);
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

  it('no source file is over 300 lines', () => {
    const long = files.map(({ path, file }) => [path, readFileSync(file, 'utf8').split('\n').length] as const).filter(([, n]) => n > 300);
    expect(long).toEqual([]);
  });
});
