import { it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { CommandCatalog } from '../../src/repl/command-catalog.js';
import { helpOutput } from '../../src/repl/help-text.js';
it('try', () => {
  const cat = CommandCatalog.bundled();
  let ok = 0;
  for (const f of readdirSync('/tmp/eredis-h/cap').filter((f) => f.startsWith('cx'))) {
    let topic = f.slice(2, -4);
    const words = topic === '' ? [] : topic.replace(/^A/, '@').split('_');
    let exp = readFileSync('/tmp/eredis-h/cap/' + f, 'latin1');
    if (words.length === 0) exp = exp.replace('redis-cli 7.0.15', 'eredis 9.9').replace('Set your preferences in ~/.redisclirc\n', '');
    const got = helpOutput(words, cat, '9.9');
    if (got === exp) ok++; else console.log('DIFF =>', f, JSON.stringify(got.slice(0, 300)), JSON.stringify(exp.slice(0, 300)));
  }
  console.log('ok =>', ok);
});
