// Mirrors what a command did to its connection (SELECT, MULTI/EXEC/DISCARD, HELLO, RESET) as redis-cli's
// cliSendCommand does, once, when its reply completes; and what a MULTI sent but not yet answered means meanwhile.
import { word } from '../commands/command-words.js';

/** One connection's state, as the server has it. */
export interface LinkState {
  db: number;
  inMulti: boolean;
  resp3: boolean;
}

/** What every new connection of the session restores: the db and the protocol the user chose last. */
export interface SessionPrefs {
  /** The db to select after a (re)connect (-n, then a successful SELECT). */
  inputDb: number;
  /** -3 / --json, or what a HELLO typed in the session switched to. */
  wantResp3: boolean;
}

/** Updates state after `argv` got a reply: `ok` unless it was an error, `isMap` for a RESP3 map (HELLO 3's answer). */
export function trackState(state: LinkState, prefs: SessionPrefs, argv: Buffer[], ok: boolean, isMap: boolean): void {
  switch (word(argv)) {
    case 'select':
      if (argv.length === 2 && ok) {
        state.db = Number.parseInt(argv[1]!.toString('latin1'), 10) || 0;
        prefs.inputDb = state.db;
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
      if (ok) state.resp3 = prefs.wantResp3 = isMap;
      return;
    case 'reset':
      if (argv.length === 1 && ok) {
        state.db = 0;
        state.inMulti = false;
        state.resp3 = prefs.wantResp3 = false;
      }
      return;
  }
}

/**
 * Whether a transaction is open once `argv` is sent, given whether one was before: a MULTI opens it, EXEC, DISCARD
 * and RESET close it. Decided when sent, so nothing (an IAM re-AUTH) slips in between MULTI and its reply.
 */
export function multiAfterSending(open: boolean, argv: Buffer[]): boolean {
  switch (word(argv)) {
    case 'multi': return true;
    case 'exec':
    case 'discard':
    case 'reset': return false;
    default: return open;
  }
}
