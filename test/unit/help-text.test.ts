// `help` output compared byte for byte with redis-cli 7.0.15 (connected to a 7.0.15 server), from the bundled docs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CommandCatalog } from '../../src/commands/catalog.js';
import { commandParams, helpOutput } from '../../src/commands/help-text.js';

const catalog = CommandCatalog.bundled();
const captured = JSON.parse(readFileSync(new URL('../fixtures/help-7.0.json', import.meta.url), 'latin1')) as {
  full: Record<string, string>;
  sha256: Record<string, string>;
};
const words = (topic: string) => (topic === '' ? [] : topic.split(' '));
const help = (topic: string) => helpOutput(words(topic), catalog, '1.2.3');

describe('helpOutput', () => {
  it('prints the generic help with eredis and its version, without the rc-file line, with its own words', () => {
    const expected = captured.full['']!
      .replace('redis-cli 7.0.15\n', 'eredis 1.2.3\n')
      .replace('Set your preferences in ~/.redisclirc\n', '')
      .replace('disable online hints\n', 'disable online hints\n      ":set pager on|off" page replies taller than the terminal, or not\n')
      + '\nTo move between the nodes of an ElastiCache group (eredis -g NAME):\n'
      + '      ":nodes" list the group\'s members\n'
      + '      ":connect primary|reader|<member-id>" reconnect to one of them\n'
      + '      "help @eredis" for help on eredis\'s own commands\n';
    expect(help('')).toBe(expected);
    expect(help('')).not.toContain('redisclirc');
  });

  const topics = Object.keys(captured.full).filter((t) => t !== '');
  it.each(topics)('help %s matches redis-cli byte for byte', (topic) => {
    expect(help(topic)).toBe(captured.full[topic]);
  });

  it('matches every @group listing (so every command) by digest', () => {
    expect(catalog.groups().map((g) => `@${g}`).sort()).toEqual(Object.keys(captured.sha256).sort());
    for (const [topic, digest] of Object.entries(captured.sha256)) {
      expect([topic, createHash('sha256').update(Buffer.from(help(topic), 'latin1')).digest('hex')]).toEqual([topic, digest]);
    }
  });

  it('renders one entry with the exact escapes', () => {
    expect(help('get')).toBe(
      '\r\n  \x1b[1mGET\x1b[0m \x1b[90mkey\x1b[0m\r\n  \x1b[33msummary:\x1b[0m Get the value of a key\r\n' +
        '  \x1b[33msince:\x1b[0m 1.0.0\r\n  \x1b[33mgroup:\x1b[0m string\r\n\r\n',
    );
  });

  it('prints just CRLF for unknown topics and too many words', () => {
    for (const t of ['nosuch', '@nosuch', 'get key extra', '@']) expect(help(t)).toBe('\r\n');
  });

  it('lists a container and all its subcommands, with the group line', () => {
    const out = help('CONFIG');
    expect(out.match(/\x1b\[1m[^\x1b]*/g)).toEqual([
      '\x1b[1mCONFIG', '\x1b[1mCONFIG GET', '\x1b[1mCONFIG HELP', '\x1b[1mCONFIG RESETSTAT', '\x1b[1mCONFIG REWRITE',
      '\x1b[1mCONFIG SET',
    ]);
    expect(help('config get')).toBe(captured.full['config get']);
  });
});

describe('commandParams (redis-cli 7.0 cliConcatArguments)', () => {
  const params = (name: string) => commandParams(catalog.get(name)!);
  it('brackets optionals, repeats multiples, joins oneof with | and shows an empty token as ""', () => {
    expect(params('mget')).toBe('key [key ...]');
    expect(params('lpop')).toBe('key [count]');
    expect(params('client kill')).toMatch(/^ip:port\|\[ID client-id\]\|/);
    expect(params('migrate')).toBe(
      'host port key|"" destination-db timeout [COPY] [REPLACE] [[AUTH password]|[AUTH2 username password]] [KEYS key [key ...]]',
    );
    expect(params('bitfield_ro')).toBe('key [GET encoding offset [GET encoding offset ...]]');
    expect(params('pfselftest')).toBe('');
  });
});
