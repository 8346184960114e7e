// Mirrors what a command did to the connection (SELECT, MULTI/EXEC/DISCARD, HELLO, RESET) as redis-cli's cliSendCommand does.
import { word } from '../commands/command-words.js';
import type { SessionState } from './session.js';

/** Updates state after `argv` got a reply: `ok` unless it was an error, `isMap` for a RESP3 map (HELLO 3's answer). */
export function trackState(state: SessionState, argv: Buffer[], ok: boolean, isMap: boolean): void {
  const command = word(argv);
  switch (command) {
    case 'select':
      if (argv.length === 2 && ok) {
        state.db = Number.parseInt(argv[1].toString('latin1'), 10) || 0;
        state.inputDb = state.db;
      }
      return;
    case 'multi':
      if (argv.length === 1 && ok) state.inMulti = true;
      return;
    case 'exec':
    case 'discard':
      if (argv.length === 1 && ok) state.inMulti = false;
      return;
    case 'hello':
      if (ok) state.resp3 = state.wantResp3 = isMap;
      return;
    case 'reset':
      if (argv.length === 1 && ok) {
        state.db = 0;
        state.inMulti = false;
        state.resp3 = state.wantResp3 = false;
      }
      return;
  }
}
