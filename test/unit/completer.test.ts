// TAB completion: redis-cli's name/topic candidates, then argument keywords valid at the cursor (bundled 7.0 docs).
import { describe, expect, it } from 'vitest';
import { CommandCatalog } from '../../src/commands/catalog.js';
import { argumentCompletions, completions, nameCompletions } from '../../src/repl/completer.js';

const catalog = CommandCatalog.bundled();
const complete = (line: string) => completions(line, catalog);
/** The words each candidate adds after `line`. */
const added = (line: string) => complete(line).map((c) => c.slice(line.length - (line.match(/\S*$/)?.[0].length ?? 0)));

describe('command names (redis-cli completionCallback)', () => {
  it('replaces the whole line with upper-case names that it prefixes, ignoring case, in strcmp order', () => {
    expect(complete('get')).toEqual(['GET', 'GETBIT', 'GETDEL', 'GETEX', 'GETRANGE', 'GETSET']);
    expect(complete('config s')).toEqual(['CONFIG SET']);
    expect(complete('Client Getn')).toEqual(['CLIENT GETNAME']);
  });

  it('includes two-word subcommands, and a container before its subcommands', () => {
    expect(complete('config')).toEqual([
      'CONFIG', 'CONFIG GET', 'CONFIG HELP', 'CONFIG RESETSTAT', 'CONFIG REWRITE', 'CONFIG SET',
    ]);
    expect(complete('CLIENT ')).toContain('CLIENT KILL');
    expect(complete('CLIENT ').every((c) => c.startsWith('CLIENT '))).toBe(true);
  });

  it('offers every command for an empty line', () => {
    const all = complete('');
    expect(all).toHaveLength(catalog.entries.length);
    expect(all.slice(0, 2)).toEqual(['ACL', 'ACL CAT']);
  });

  it('adds @group topics after "help ", keeping what was typed before the topic', () => {
    expect(complete('help @str')).toEqual(['help @stream', 'help @string']);
    expect(complete('HELP   @sorted')).toEqual(['HELP   @sorted-set']);
    expect(complete('help ge')).toEqual(['help GEOADD', 'help GEODIST', 'help GEOHASH', 'help GEOPOS',
      'help GEORADIUS', 'help GEORADIUSBYMEMBER', 'help GEORADIUSBYMEMBER_RO', 'help GEORADIUS_RO', 'help GEOSEARCH',
      'help GEOSEARCHSTORE', 'help GET', 'help GETBIT', 'help GETDEL', 'help GETEX', 'help GETRANGE', 'help GETSET']);
    expect(nameCompletions('help ', catalog)[0]).toBe('help @bitmap'); // '@' sorts before letters
    expect(complete('@str')).toEqual([]); // groups only after help
  });
});

describe('argument keywords (beyond redis-cli)', () => {
  it('lists the tokens accepted next, sorted', () => {
    expect(added('SET k v ')).toEqual(['EX', 'EXAT', 'GET', 'KEEPTTL', 'NX', 'PX', 'PXAT', 'XX']);
    expect(complete('SET k v ')[0]).toBe('SET k v EX');
    expect(added('SET k v EX 10 ')).toEqual(['GET', 'NX', 'XX']);
    expect(added('ZADD k NX ')).toEqual(['CH', 'GT', 'INCR', 'LT']);
    expect(added('XADD k ')).toEqual(['*', 'MAXLEN', 'MINID', 'NOMKSTREAM']);
    expect(added('xadd k maxlen ')).toEqual(['=', '~']);
    expect(added('GEOSEARCH k ')).toEqual(['FROMLONLAT', 'FROMMEMBER']);
    expect(added('XREADGROUP ')).toEqual(['GROUP']);
    expect(added('BITFIELD_RO k GET i8 0 ')).toEqual(['GET']);
  });

  it('completes a partly typed keyword, keeping the rest of the line as typed', () => {
    expect(complete('set k v e')).toEqual(['set k v EX', 'set k v EXAT']);
    expect(complete('set  k   v  px')).toEqual(['set  k   v  PX', 'set  k   v  PXAT']);
  });

  it('offers only the values of a token whose value comes next', () => {
    expect(added('client list type ')).toEqual(['MASTER', 'NORMAL', 'PUBSUB', 'REPLICA']);
    expect(added('client kill ')).toEqual(['ADDR', 'ID', 'LADDR', 'SKIPME', 'TYPE', 'USER']);
    expect(complete('SET k v EX ')).toEqual([]); // seconds: a number, no keyword
    expect(complete('SORT k LIMIT ')).toEqual([]);
  });

  it('offers nothing where a free value comes next or the line already breaks the syntax', () => {
    expect(complete('SET ')).toEqual([]);
    expect(complete('CONFIG GET ')).toEqual([]);
    expect(complete('GET k ')).toEqual([]);
    expect(complete('SET k v FOOBAR ')).toEqual([]);
    expect(complete('nosuch ')).toEqual([]);
    expect(complete('set k v "e')).toEqual([]);
    expect(complete('set k "v')).toEqual([]);
  });

  it('offers subcommands after a container even when the name rule cannot (extra spaces)', () => {
    expect(complete('object  ')).toEqual([
      'object  ENCODING', 'object  FREQ', 'object  HELP', 'object  IDLETIME', 'object  REFCOUNT',
    ]);
    expect(argumentCompletions('acl  l', catalog)).toEqual(['acl  LIST', 'acl  LOAD', 'acl  LOG']);
  });

  it('name candidates win over keywords', () => {
    expect(complete('GETEX')).toEqual(['GETEX']);
    expect(complete('GETEX k ')).toEqual(['GETEX k EX', 'GETEX k EXAT', 'GETEX k PERSIST', 'GETEX k PX', 'GETEX k PXAT']);
  });
});
