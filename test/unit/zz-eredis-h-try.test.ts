import { it } from 'vitest';
import { CommandCatalog } from '../../src/repl/command-catalog.js';
import { completions } from '../../src/repl/completer.js';
it('try', () => {
  const cat = CommandCatalog.bundled();
  for (const l of ['SET k v ', 'set k v e', 'CLIENT ', 'client  ', 'client  k', 'CONFIG GET ', 'get', 'help @str', 'help   s', 'XADD k ', 'ZADD k NX ', 'ZADD k ', 'GEOSEARCH k ', 'XREADGROUP ', 'client kill ', 'SET ', 'config s', 'BITFIELD k GET i8 0 ', 'MIGRATE h p "" 0 1 ', 'sort k ', 'zrange k 0 1 ', 'set k v "x', 'object ', 'acl ', 'acl  l'])
    console.log(JSON.stringify(l), '=>', JSON.stringify(completions(l, cat)).slice(0, 300));
});
