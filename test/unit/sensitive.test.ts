// Table-driven checks of isSensitiveCommand against redis-cli 7.4's rules, one positive and negative case per rule.
import { describe, expect, it } from 'vitest';
import { parseRepeatPrefix, splitArgs } from '../../src/commands/split-args.js';
import { isSensitiveCommand } from '../../src/commands/sensitive.js';

/** What the REPL does: split, strip the repeat prefix, then ask. */
function sensitiveLine(line: string): boolean {
  const p = parseRepeatPrefix(splitArgs(Buffer.from(line))!);
  if ('error' in p) throw new Error(p.error);
  return isSensitiveCommand(p.argv);
}

describe('isSensitiveCommand', () => {
  const cases: Array<[string, boolean]> = [
    // AUTH: any form, any case, even without arguments
    ['auth foo bar', true],
    ['AUTH pw', true],
    ['Auth', true],
    ['3 auth x', true],
    ['authx pw', false],
    // ACL SETUSER/GETUSER/DELUSER with argc > 1
    ['acl setuser u on >pw', true],
    ['ACL GETUSER default', true],
    ['acl deluser u', true],
    ['acl setuser', true],
    ['acl list', false],
    ['acl whoami', false],
    ['acl', false],
    // CONFIG SET: a secret name at index 2, 4, 6, ...
    ['config set requirepass x', true],
    ['config set maxmemory 0 requirepass ""', true],
    ['CONFIG SET MasterAuth x', true],
    ['config set masteruser u', true],
    ['config set tls-key-file-pass x', true],
    ['config set tls-client-key-file-pass x', true],
    ['config set requirepass', true],
    ['config set maxmemory requirepass', false],
    ['config set maxmemory 0', false],
    ['config get requirepass', false],
    ['config set primaryauth x', false],
    // HELLO protover [AUTH user pass] [SETNAME name], argc > 4
    ['hello 3 auth default x', true],
    ['HELLO 3 SETNAME n AUTH u p', true],
    ['hello 3 setname n', false],
    ['hello 3 auth u', false],
    ['hello 3 setname n auth u', false],
    ['hello 3 foo auth u p', false],
    ['hello auth u p x', false],
    // MIGRATE ... [AUTH pw] [AUTH2 user pw] [KEYS ...], argc > 7, scanned from index 6
    ['migrate h 6379 "" 0 5000 auth pw keys a', true],
    ['migrate h 6379 k 0 5000 copy auth pw', true],
    ['migrate h 6379 k 0 5000 replace auth2 u pw', true],
    ['migrate h 6379 k 0 5000 copy auth2 u', false],
    ['migrate h 6379 k 0 5000 copy auth', false],
    ['migrate h 6379 "" 0 5000 keys a auth pw', false],
    ['migrate h 6379 k 0 auth pw x', false],
    ['migrate h 6379 k 0 5000 copy replace', false],
    // SENTINEL CONFIG SET sentinel-pass|sentinel-user, SENTINEL SET <m> auth-pass|auth-user, argc > 4
    ['sentinel config set sentinel-pass pw', true],
    ['SENTINEL CONFIG SET SENTINEL-USER u', true],
    ['sentinel set mymaster auth-pass pw', true],
    ['sentinel set mymaster auth-user u', true],
    ['sentinel config set sentinel-pass', false],
    ['sentinel config set resolve-hostnames yes', false],
    ['sentinel set mymaster quorum 2', false],
    ['sentinel set m auth-pass', false],
    // not sensitive
    ['ping', false],
    ['set auth x', false],
    ['get requirepass', false],
  ];
  it.each(cases)('%s → %s', (line, expected) => {
    expect(sensitiveLine(line)).toBe(expected);
  });

  it('matches the verified history example of reference §3.8', () => {
    const typed = [
      'ping', 'auth foo bar', 'config set maxmemory 0 requirepass ""', 'hello 3 auth default x',
      'hello 3 setname n', 'ping', 'acl getuser default', '3 auth x', ':set nohints', ':set foo', ':foo',
    ];
    expect(typed.filter((l) => !sensitiveLine(l))).toEqual([
      'ping', 'hello 3 setname n', 'ping', ':set nohints', ':set foo', ':foo',
    ]);
  });

  it('accepts string argv and compares like strcasecmp on C strings', () => {
    expect(isSensitiveCommand(['AUTH', 'x'])).toBe(true);
    expect(isSensitiveCommand(['auth\0junk'])).toBe(true);
    expect(isSensitiveCommand([Buffer.from('auth\0junk')])).toBe(true);
    expect(isSensitiveCommand([Buffer.from('au\0th')])).toBe(false);
    // Only ASCII letters fold: the Kelvin sign lower-cases to "k" in JS but not in strcasecmp.
    expect(isSensitiveCommand(['migrate', 'h', '1', '', '0', '5', '\u212Aeys', 'auth', 'pw'])).toBe(true);
    expect(isSensitiveCommand([])).toBe(false);
  });

  it('adds valkey-cli CONFIG SET names only when asked', () => {
    expect(isSensitiveCommand(['config', 'set', 'primaryauth', 'x'], { valkey: true })).toBe(true);
    expect(isSensitiveCommand(['config', 'set', 'primaryuser', 'x'], { valkey: true })).toBe(true);
    expect(isSensitiveCommand(['config', 'set', 'primaryauth', 'x'])).toBe(false);
  });
});
