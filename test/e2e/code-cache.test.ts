// bin/code-cache.cjs (Node < 22): the first run leaves V8's code cache in $XDG_CACHE_HOME/eredis/, later runs use it,
// a rebuilt bundle gets a new one, and a cache directory that cannot be written changes nothing.
import { chmodSync, copyFileSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOwnedDir, removeOwnedDir } from '../support/child-guard.js';
import { REPO_ROOT, runProcess } from '../support/run.js';

let dir: string;
let bin: string;
let bundle: string;

beforeAll(async () => {
  // A private copy of bin/ and dist/, so the test can touch the bundle without racing other tests.
  dir = await makeOwnedDir('eredis-code-cache-');
  for (const sub of ['bin', 'dist']) mkdirSync(join(dir, sub));
  for (const f of ['bin/eredis', 'bin/code-cache.cjs', 'dist/main.cjs']) copyFileSync(join(REPO_ROOT, f), join(dir, f));
  bin = join(dir, 'bin/eredis');
  bundle = join(dir, 'dist/main.cjs');
  chmodSync(bin, 0o755);
});

afterAll(async () => {
  await removeOwnedDir(dir);
});

const caches = (cacheHome: string) => {
  try {
    return readdirSync(join(cacheHome, 'eredis')).filter((f) => f.startsWith('code-cache-'));
  } catch {
    return [];
  }
};
const version = (cacheHome: string) => runProcess(process.execPath, [bin, '--version'], { env: { HOME: dir, XDG_CACHE_HOME: cacheHome } });

describe.runIf(!('enableCompileCache' in nodeModule))('the code cache on Node < 22', () => {
  it('is written by the first run, read (not rewritten) by the next, replaced for a rebuilt bundle', async () => {
    const home = join(dir, 'cache-a');
    const first = await version(home);
    expect(first.stderr).toBe('');
    expect(first.stdout.toString()).toMatch(/^eredis \S+/);
    const [written] = caches(home);
    expect(written).toMatch(/^code-cache-v\d+\.\d+\.\d+-\w+-\d+-\d+\.bin$/);
    const file = join(home, 'eredis', written!);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const mtime = statSync(file).mtimeMs;

    const second = await version(home);
    expect(second.stdout.toString()).toBe(first.stdout.toString());
    expect(caches(home)).toEqual([written]);
    expect(statSync(file).mtimeMs).toBe(mtime);

    // Another build of the same length (V8 alone would take the old cache for it): a new cache, the old one gone.
    const later = new Date(Date.now() + 5000);
    utimesSync(bundle, later, later);
    expect((await version(home)).stdout.toString()).toBe(first.stdout.toString());
    const now = caches(home);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(written);
  });

  it('an unwritable cache directory changes nothing', async () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the cache directory would be');
    const r = await version(blocked);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toMatch(/^eredis \S+/);
  });
});
