// dangerReason: which lines need a confirmation, matched by command and subcommand, ignoring case.
import { describe, expect, it } from 'vitest';
import table from '../../data/dangerous-commands.json' with { type: 'json' };
import { dangerReason } from '../../src/commands/dangerous.js';
import { CommandCatalog } from '../../src/commands/catalog.js';

const reason = (line: string) => dangerReason(line.split(' ').filter(Boolean));

describe('dangerReason', () => {
  it.each([
    'FLUSHALL', 'flushall async', 'FLUSHDB', 'keys *', 'KEYS user:*', 'SHUTDOWN NOSAVE', 'debug sleep 1', 'DEBUG SEGFAULT',
    'config set maxmemory 1', 'CONFIG RESETSTAT', 'script flush', 'FUNCTION FLUSH', 'cluster reset hard', 'SWAPDB 0 1',
    'MIGRATE h 6379 k 0 100', 'replicaof no one', 'SLAVEOF h 6379', 'client kill id 5', 'save',
  ])('%s needs confirmation', (line) => {
    expect(reason(line)).toMatch(/^[a-z].+[^.]$/); // one lower-case line, no final period
  });

  it.each(['GET k', 'config get maxmemory', 'CONFIG', 'script load x', 'function list', 'cluster info', 'client list',
    'BGSAVE', 'scan 0', 'keysx', ''])('%j does not', (line) => {
    expect(reason(line)).toBeUndefined();
  });

  it('accepts Buffers and prefers the subcommand entry', () => {
    expect(dangerReason([Buffer.from('Config'), Buffer.from('sEt'), Buffer.from('x')])).toBe(reason('CONFIG SET'));
    expect(reason('FLUSHALL')).toContain('every database');
  });

  it('names only commands the 7.0 docs know', () => {
    const catalog = CommandCatalog.bundled();
    const unknown = Object.keys(table.commands).filter((name) => !catalog.get(name));
    expect(unknown).toEqual([]);
  });
});
