// Runs a TypeScript script (bench, generators) by bundling it with esbuild into .tmp/ first; packages stay external.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
  process.exit(1);
}
const root = resolve(import.meta.dirname, '..');
// Same depth below .tmp/ as the source below the root, so import.meta.url-relative paths still work.
const outdir = resolve(root, '.tmp', dirname(relative(root, resolve(entry))));
mkdirSync(outdir, { recursive: true });
const outfile = resolve(outdir, `${basename(entry, '.ts')}.mjs`);
await build({ entryPoints: [resolve(entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
process.argv.splice(1, 2, outfile);
await import(pathToFileURL(outfile).href);
