// The prompt first, the docs after: through a slow link (test/support/slow-link.ts) the prompt appears before the
// server's COMMAND DOCS have arrived; hints typed meanwhile come from the bundled docs, then from the server's.
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { makeOwnedDir, removeOwnedDir } from '../support/child-guard.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { REPO_ROOT } from '../support/run.js';
import { startSlowLink, type SlowLink } from '../support/slow-link.js';
import { startTty, type Tty } from '../support/tty.js';

const PASSWORD = 'prompt-first-password-0123';
let certs: Certs;
let server: RedisServer;
let link: SlowLink;
let install: string;
let tty: Tty | undefined;

/**
 * eredis with bundled docs that differ from the server's (LPUSH's `element` is `bundled-element` there), so the screen
 * shows which docs a hint came from: a copy of bin/ and dist/, the changed data file, the real node_modules.
 */
function installWithMarkedDocs(dir: string): string {
  for (const sub of ['bin', 'dist', 'data']) mkdirSync(path.join(dir, sub));
  for (const f of ['bin/eredis', 'bin/code-cache.cjs']) copyFileSync(path.join(REPO_ROOT, f), path.join(dir, f));
  copyFileSync(path.join(REPO_ROOT, 'dist/main.cjs'), path.join(dir, 'dist/main.cjs'));
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const docs = JSON.parse(readFileSync(path.join(REPO_ROOT, 'data/command-docs.json'), 'utf8'));
  docs.commands.lpush.arguments[1].name = 'bundled-element';
  writeFileSync(path.join(dir, 'data/command-docs.json'), JSON.stringify(docs));
  return path.join(dir, 'bin/eredis');
}

beforeAll(async () => {
  certs = await testCerts();
  server = await startRedis({ tls: true, password: PASSWORD });
  // ~200 KB of docs at 40 KB/s: about 5 s, where the handshake and AUTH take well under one.
  link = await startSlowLink({ target: { host: server.host, port: server.port }, rttMs: 80, bytesPerSec: 40_000 });
  install = await makeOwnedDir('eredis-install-');
});
afterEach(async () => { await tty?.close(); tty = undefined; });
afterAll(async () => { await Promise.all([link?.close(), server?.stop(), install && removeOwnedDir(install)]); });

describe('the prompt first, the docs after', () => {
  it('shows the prompt before the docs arrive; hints come from the bundled docs, then from the server\'s', async () => {
    const bin = installWithMarkedDocs(install);
    const args = ['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(link.port)];
    const before = link.downBytes;
    tty = await startTty([bin, ...args], { env: { HOME: install, REDISCLI_AUTH: PASSWORD, EREDIS_HISTFILE: '' }, cols: 100, rows: 20 });
    const prompt = `127.0.0.1:${link.port}>`;
    await tty.waitFor(prompt, 5000);
    // Only the handshake, AUTH and the first docs bytes have come through: the docs are ~170 KB.
    expect(link.downBytes - before).toBeLessThan(40_000);

    await tty.send('lpush k ');
    await tty.waitFor(`${prompt} lpush k bundled-element [bundled-element ...]`, 3000);
    expect(link.downBytes - before).toBeLessThan(100_000);

    // When the server's docs are in, the line is drawn again with their hint, without a key pressed.
    await tty.waitFor(`${prompt} lpush k element [element ...]`, 20_000);
    expect(link.downBytes - before).toBeGreaterThan(120_000);
    await tty.key('C-u');
    await tty.send('lpush k v ');
    await tty.waitFor(`${prompt} lpush k v [element ...]`);
  });
});
