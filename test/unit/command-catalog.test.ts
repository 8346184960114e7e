// CommandCatalog: bundled data lookups, and building the same catalog from RESP2 and RESP3 COMMAND DOCS replies.
import { describe, expect, it } from 'vitest';
import { CommandCatalog, type CommandArg, type CommandSpec } from '../../src/commands/catalog.js';
import type { Reply } from '../../src/resp/types.js';

const bundled = CommandCatalog.bundled();
const bulk = (s: string): Reply => ({ type: 'bulk', value: Buffer.from(s) });
const simple = (s: string): Reply => ({ type: 'simple', value: Buffer.from(s) });

/** A docs table the way a server sends it: RESP3 maps and sets, or RESP2 flat arrays. */
function table(entries: Array<[string, Reply]>, resp3: boolean): Reply {
  return resp3
    ? { type: 'map', entries: entries.map(([k, v]) => [bulk(k), v]) }
    : { type: 'array', items: entries.flatMap(([k, v]) => [bulk(k), v]) };
}
function argReply(a: CommandArg, resp3: boolean): Reply {
  const e: Array<[string, Reply]> = [['name', bulk(a.name)], ['type', bulk(a.type)]];
  if (a.token !== undefined) e.push(['token', bulk(a.token)]);
  if (a.since !== undefined) e.push(['since', bulk(a.since)]);
  if (a.flags) e.push(['flags', { type: resp3 ? 'set' : 'array', items: a.flags.map(simple) }]);
  if (a.arguments) e.push(['arguments', { type: 'array', items: a.arguments.map((x) => argReply(x, resp3)) }]);
  return table(e, resp3);
}
function docsReply(names: string[], resp3: boolean): Reply {
  const spec = (s: CommandSpec, subs: string[]): Reply => {
    const e: Array<[string, Reply]> = [];
    for (const k of ['summary', 'since', 'group', 'complexity'] as const) if (s[k] !== undefined) e.push([k, bulk(s[k]!)]);
    if (s.arguments) e.push(['arguments', { type: 'array', items: s.arguments.map((a) => argReply(a, resp3)) }]);
    if (subs.length) e.push(['subcommands', table(subs.map((n) => [n, spec(bundled.get(n)!, [])]), resp3)]);
    return table(e, resp3);
  };
  return table(names.map((n) => [n, spec(bundled.get(n)!, bundled.subcommandsOf(n).map((d) => d.name))]), resp3);
}
const int = (n: number): Reply => ({ type: 'integer', value: BigInt(n) });
const infoReply = (name: string, arity: number, flags: string[], acl: string[], resp3: boolean): Reply => ({
  type: 'array',
  items: [bulk(name), int(arity), { type: resp3 ? 'set' : 'array', items: flags.map(simple) }, int(1), int(1), int(1),
    { type: resp3 ? 'set' : 'array', items: acl.map(simple) }],
});

describe('bundled catalog', () => {
  it('finds commands by name in any case and spelling', () => {
    expect(bundled.get('GET')?.full).toBe('GET');
    expect(bundled.get('config get')?.words).toEqual(['CONFIG', 'GET']);
    expect(bundled.get('CONFIG|get')?.name).toBe('config|get');
    expect(bundled.get('nosuch')).toBeUndefined();
  });

  it('matches the longest prefix of a typed argv, like findHelpEntry', () => {
    expect(bundled.match(['config', 'GET', 'maxmemory'])?.full).toBe('CONFIG GET');
    expect(bundled.match(['CONFIG', 'nosuch'])?.full).toBe('CONFIG');
    expect(bundled.match([Buffer.from('get'), Buffer.from('k')])?.full).toBe('GET');
    expect(bundled.match([])).toBeUndefined();
  });

  it('sorts entries by full name and lists groups and their commands', () => {
    const fulls = bundled.entries.map((e) => e.full);
    expect(fulls).toEqual([...fulls].sort());
    expect(bundled.groups()).toContain('sorted-set');
    expect(bundled.inGroup('STRING').map((e) => e.full)).toContain('GETEX');
    expect(bundled.subcommandsOf('config').map((e) => e.full)).toContain('CONFIG SET');
  });

  it('knows command flags from COMMAND INFO', () => {
    expect(bundled.hasFlag(['set', 'k', 'v'], 'write')).toBe(true);
    expect(bundled.hasFlag(['GET', 'k'], 'write')).toBe(false);
    expect(bundled.flagsOf(['get'])).toContain('readonly');
    expect(bundled.flagsOf(['config', 'set'])).toEqual(expect.arrayContaining(['admin', 'noscript']));
    expect(bundled.flagsOf(['nosuch'])).toEqual([]);
    expect(bundled.hasFlag(['flushall'], '@dangerous')).toBe(true);
    expect(bundled.hasFlag(['get', 'k'], '@dangerous')).toBe(false);
    expect(bundled.get('flushall')?.acl_categories).toContain('@write');
    expect(bundled.source).toBe('bundled');
    expect(bundled.serverVersion).toBe('7.0.15');
  });
});

describe('CommandCatalog.fromServer', () => {
  const names = ['set', 'config', 'migrate'];
  const plain = (c: CommandCatalog) => JSON.parse(JSON.stringify(c.entries.map(({ arity: _a, ...rest }) => rest)));
  const expected = plain(bundled).filter((e: { name: string }) => names.some((n) => e.name === n || e.name.startsWith(`${n}|`)));

  it.each([false, true])('reads a COMMAND DOCS reply (resp3=%s) into the bundled shape', (resp3) => {
    const acl = ['@write', '@string', '@slow'];
    const info = { type: 'array' as const, items: [infoReply('set', -3, ['write', 'denyoom'], acl, resp3)] };
    const c = CommandCatalog.fromServer(docsReply(names, resp3), { info, version: '7.0.15' })!;
    expect(plain(c)).toEqual(expected);
    expect(c.source).toBe('server');
    expect(c.get('set')?.flags).toEqual(['denyoom', 'write']);
    expect(c.get('set')?.arity).toBe(-3);
    expect(c.get('set')?.acl_categories).toEqual(['@slow', '@string', '@write']);
  });

  it('takes flags from the fallback when COMMAND INFO is missing, or none with fallback null', () => {
    expect(CommandCatalog.fromServer(docsReply(['set'], true))!.get('set')?.flags).toEqual(bundled.get('set')!.flags);
    expect(CommandCatalog.fromServer(docsReply(['set'], true), { fallback: null })!.get('set')?.flags).toEqual([]);
  });

  it('refuses an error reply so the caller can fall back to the bundled data', () => {
    const err: Reply = { type: 'error', value: Buffer.from("ERR unknown subcommand 'DOCS'") };
    expect(CommandCatalog.fromServer(err)).toBeUndefined();
  });
});
