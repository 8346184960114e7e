// Bundles src/ into one CommonJS file, dist/main.cjs: the CommonJS loader starts measurably faster than the ESM one,
// and packages stay in node_modules, loaded only on the paths that need them (AWS, keychain, prompts, tables).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
rmSync(`${root}/dist`, { recursive: true, force: true });

/**
 * The 160 KB command docs stay in data/ (only the shell, help and completion need them) and are read on first use:
 * `import docs from '.../command-docs.json'` becomes an object whose fields load the file when first read, so a batch
 * or a one-shot command never parses it.
 */
const commandDocsWhenUsed = {
  name: 'command-docs-when-used',
  setup(b) {
    b.onResolve({ filter: /\/data\/command-docs\.json$/ }, () => ({ path: 'command-docs', namespace: 'command-docs' }));
    b.onLoad({ filter: /.*/, namespace: 'command-docs' }, () => ({
      loader: 'js',
      contents: `let docs;
const load = () => (docs ??= require(require('node:path').join(__dirname, '../data/command-docs.json')));
module.exports = { get server() { return load().server; }, get commands() { return load().commands; } };`,
    }));
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
  plugins: [commandDocsWhenUsed],
  // Packages loaded on demand become require() calls (all have CommonJS builds): bin/code-cache.cjs runs the bundle
  // through vm.Script, where Node 20 has no import() without --experimental-vm-modules.
  supported: { 'dynamic-import': false },
  define: { __EREDIS_VERSION__: JSON.stringify(version) },
  legalComments: 'none',
  logLevel: 'warning',
});
