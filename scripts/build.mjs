// Bundles src/ into dist/ with esbuild: one small entry for fast start-up, heavy optional modules as lazy chunks.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
rmSync(`${root}/dist`, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // Native addon: must be loaded from node_modules at run time.
  external: ['@napi-rs/keyring'],
  // Bundled CommonJS dependencies call require(); give them one in ESM.
  banner: { js: "import { createRequire as __eredisCreateRequire } from 'node:module';\nconst require = __eredisCreateRequire(import.meta.url);" },
  define: { __EREDIS_VERSION__: JSON.stringify(version) },
  legalComments: 'none',
  logLevel: 'warning',
});
