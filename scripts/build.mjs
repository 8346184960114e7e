// Bundles src/ into one CommonJS file, dist/main.cjs: the CommonJS loader starts measurably faster than the ESM one,
// and packages stay in node_modules, loaded only on the paths that need them (AWS, keychain, prompts, tables).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
rmSync(`${root}/dist`, { recursive: true, force: true });

/** The 160 KB command docs are read from data/ at run time (only the REPL and `help` need them), not bundled. */
const commandDocsAtRuntime = {
  name: 'command-docs-at-runtime',
  setup(b) {
    b.onResolve({ filter: /\/data\/command-docs\.json$/ }, () => ({ path: '../data/command-docs.json', external: true }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  plugins: [commandDocsAtRuntime],
  define: { __EREDIS_VERSION__: JSON.stringify(version) },
  legalComments: 'none',
  logLevel: 'warning',
});
