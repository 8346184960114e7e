// Redis's own redis-cli test suite (tests/integration/redis-cli.tcl of the installed 7.0.15) with eredis in
// redis-cli's place, plain and over TLS: every test must pass.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { REDIS_CLI_REQUIRED as REQUIRED, REPO_ROOT } from '../support/run.js';

const has = (cmd: string, input = '') => spawnSync('sh', ['-c', cmd], { input, stdio: ['pipe', 'ignore', 'ignore'] }).status === 0;
const tclTls = has('command -v tclsh') && has('tclsh', 'package require tls\n');

/** The redis source tree: $REDIS_SRC, else Debian's source of the installed redis (fetched by test/global-setup.ts). */
const redisSource = () => inject('redisSrc') || undefined;

const usable = has('command -v tclsh') && has('command -v redis-server') && has('command -v apt-get');
if (REQUIRED && !tclTls) throw new Error('tclsh and tcl-tls are required here (REDIS_CLI_REQUIRED=1): apt-get install tcl tcl-tls');
const src = usable || REQUIRED ? redisSource() : undefined;

function runSuite(...args: string[]): { summary: string; output: string; code: number | null } {
  const r = spawnSync(path.join(REPO_ROOT, 'scripts/redis-cli-suite.sh'), [src!, ...args], { encoding: 'utf8', timeout: 600_000 });
  const output = `${r.stdout}${r.stderr}`;
  return { summary: /redis-cli\.tcl with eredis: .*/.exec(output)?.[0] ?? '', output, code: r.status };
}

describe.runIf(src !== undefined)('redis-cli.tcl (7.0.15) with eredis as src/redis-cli', () => {
  // One after the other: both runs use the same tree's src/redis-cli.
  it('passes every test, plain', () => {
    const r = runSuite();
    expect(r.summary, r.output).toMatch(/: (\d+) passed, 0 failed \(runtest exit 0\)/);
    expect(Number(/(\d+) passed/.exec(r.summary)![1])).toBeGreaterThanOrEqual(30);
    expect(r.code).toBe(0);
  }, 600_000);

  it.runIf(tclTls)('passes every test over TLS', () => {
    const r = runSuite('--tls');
    expect(r.summary, r.output).toMatch(/: (\d+) passed, 0 failed \(runtest exit 0\)/);
    expect(r.code).toBe(0);
  }, 600_000);
});
