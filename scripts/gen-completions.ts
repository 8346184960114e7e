// Writes completions/ from the flag table (`npm run completions`); a unit test fails when they are stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHELLS, completionFile, completionScript } from '../src/cli/completion-scripts.js';

const dir = join(process.cwd(), 'completions');
for (const shell of SHELLS) writeFileSync(join(dir, completionFile(shell)), completionScript(shell));
console.log(`wrote ${SHELLS.map(completionFile).join(', ')}`);
