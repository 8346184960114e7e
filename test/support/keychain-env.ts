// Keychain test plumbing: whether a private Secret Service is up (scripts/with-keyring.sh), and the child-process CLI.
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './run.js';

/** Set by scripts/with-keyring.sh once its private gnome-keyring answered a store/lookup round trip. */
export const PRIVATE_KEYRING = process.env.EREDIS_TEST_KEYRING === '1';
/** CI sets KEYCHAIN_REQUIRED=1: a missing Secret Service is then a failure, not a skip. */
export const KEYCHAIN_REQUIRED = process.env.KEYCHAIN_REQUIRED === '1';

export const SKIP_REASON =
  'no private Secret Service: run these tests through `bash scripts/with-keyring.sh npx vitest run ...` ' +
  '(npm test does); they never use your own keyring. KEYCHAIN_REQUIRED=1 turns this skip into a failure.';

/**
 * Bundles test/support/keychain-cli.ts into REPO_ROOT/.tmp (git-ignored) so a child `node` can run it; packages stay
 * external and resolve from the repository's node_modules (the keyring addon cannot be bundled).
 */
export async function buildKeychainCli(): Promise<{ file: string; remove(): void }> {
  const dir = path.join(REPO_ROOT, '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `keychain-cli-${process.pid}-${Date.now()}.mjs`);
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ['test/support/keychain-cli.ts'],
    outfile: file,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return { file, remove: () => rmSync(file, { force: true }) };
}
