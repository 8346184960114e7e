import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CommandCatalog } from '../../src/repl/command-catalog.js';
import { hintFor } from '../../src/repl/hints.js';
it('oracle', () => {
  const cat = CommandCatalog.bundled();
  let pass = 0, fail = 0;
  for (const [input, exp] of JSON.parse(readFileSync('/tmp/eredis-h/oracle.json', 'utf8'))) {
    const h = hintFor(input, cat);
    if (h === exp) pass++; else { fail++; if (fail < 20) console.log(`FAIL '${input}' exp '${exp}' got '${h}'`); }
  }
  console.log(pass, fail);
});
