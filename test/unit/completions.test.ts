// The committed completion scripts are current, parse in their shells, and complete flags from the one table.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHELLS, completionFile, completionScript } from '../../src/cli/completion-scripts.js';

const dir = join(import.meta.dirname, '../../completions');
const has = (cmd: string) => { try { execFileSync('sh', ['-c', `command -v ${cmd}`]); return true; } catch { return false; } };

describe('completion scripts', () => {
  it.each(SHELLS)('completions/%s matches the flag table (run `npm run completions`)', (shell) => {
    expect(readFileSync(join(dir, completionFile(shell)), 'utf8')).toBe(completionScript(shell));
  });

  it('bash completes flags and their values', () => {
    const complete = (words: string[]) => execFileSync('bash', ['-c', `
      source ${join(dir, 'eredis.bash')}
      COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
      _eredis; printf '%s\\n' "\${COMPREPLY[@]}"`]).toString().trim().split('\n');
    expect(complete(['eredis', '--ca'])).toEqual(['--cacert', '--cacertdir']);
    expect(complete(['eredis', '--show-pushes', ''])).toEqual(['yes', 'no']);
    expect(complete(['eredis', 'comp'])).toEqual(['completion']);
    expect(complete(['eredis', '-p', '6379', '--tls', 'hge'])).toEqual(['hget', 'hgetall']);
    expect(complete(['eredis', 'get', 'k'])).toEqual(['']);
  });

  it.runIf(has('zsh'))('zsh parses its script', () => {
    execFileSync('zsh', ['-n', join(dir, '_eredis')]);
  });

  it.runIf(has('fish'))('fish parses its script and completes --tls flags', () => {
    execFileSync('fish', ['-n', join(dir, 'eredis.fish')]);
    const out = execFileSync('fish', ['-c', `source ${join(dir, 'eredis.fish')}; complete -C 'eredis --tls-c'`]).toString();
    expect(out).toContain('--tls-ciphers');
    expect(out).toContain('--tls-ciphersuites');
  });
});
