// The grey REPL hint: redis-cli 7.0's for older servers, and a port of 7.4's getHintForInput/makeHint/matchArgs.
import type { CommandArg, CommandCatalog, CommandDoc } from '../commands/catalog.js';
import { asciiLower } from '../commands/command-words.js';
import { splitArgs } from '../commands/split-args.js';
import { hint70 } from './hints-70.js';

const enum T { String, Integer, Double, UnixTime, PureToken, OneOf, Block }
const TYPES: Record<string, T> = { integer: T.Integer, double: T.Double, 'unix-time': T.UnixTime, 'pure-token': T.PureToken, oneof: T.OneOf, block: T.Block };

/** cliCommandArg: the spec plus the per-input match state (the C mutates it in place, and so do we). */
interface Arg {
  type: T; token?: string; label: string; optional: boolean; multiple: boolean; multipleToken: boolean; sub: Arg[];
  /** COMMAND DOCS type `key` (matched like a string; only key-name completion cares). */
  key: boolean;
  matched: number; matchedToken: boolean; matchedName: boolean; matchedAll: boolean;
}

/** A fresh, unmatched copy of an argument tree (the C clears the matched flags before each hint). */
function argState(args: readonly CommandArg[]): Arg[] {
  return args.map((a) => {
    const flag = (f: string): boolean => a.flags?.includes(f) ?? false;
    return {
      type: TYPES[a.type] ?? T.String, // unknown types stay ARG_TYPE_STRING (0), as zcalloc leaves them
      token: a.token, label: a.display_text ?? a.name, sub: argState(a.arguments ?? []),
      optional: flag('optional'), multiple: flag('multiple'), multipleToken: flag('multiple_token'), key: a.type === 'key',
      matched: 0, matchedToken: false, matchedName: false, matchedAll: false,
    };
  });
}

function clearMatched(args: Arg[]): void {
  for (const a of args) {
    a.matched = 0; a.matchedToken = a.matchedName = a.matchedAll = false;
    clearMatched(a.sub);
  }
}

const orEmpty = (s: string): string => (s === '' ? '""' : s);

function addHintForArguments(hint: string, args: Arg[], separator: string): string {
  let len = hint.length;
  const sep = (h: string, isLast: boolean): string => {
    if (h.length > len && !isLast) { h += separator; len = h.length; }
    return h;
  };
  const n = args.length;
  for (let i = 0; i < n; i++) {
    if (!args[i]!.optional) {
      hint = sep(addHintForArgument(hint, args[i]!), i === n - 1);
      continue;
    }
    // Consecutive optional args go together, the one the user has started typing first.
    let j = i;
    let incomplete = -1;
    for (; j < n; j++) {
      if (!args[j]!.optional) break;
      if (args[j]!.matched !== 0 && !args[j]!.matchedAll) {
        hint = sep(addHintForArgument(hint, args[j]!), i === n - 1); // sic: i, not j (as in the C)
        incomplete = j;
      }
    }
    if (j === n || args[j]!.matched === 0) {
      for (; i < j; i++) if (incomplete !== i) hint = sep(addHintForArgument(hint, args[i]!), i === n - 1);
    }
    i = j - 1;
  }
  return hint;
}

/** The token as printed before the argument's body: a space follows unless it is a pure token. */
const tokenPart = (arg: Arg): string => orEmpty(arg.token ?? '') + (arg.type === T.PureToken ? '' : ' ');

function addHintForRepeatedArgument(hint: string, arg: Arg): string {
  if (!arg.multiple) return hint;
  clearMatched([arg]); // also makes the caller close an open "[" it never printed: BITFIELD_RO's stray "]"
  hint += `${hint === '' ? '' : ' '}[${arg.multipleToken ? tokenPart(arg) : ''}`;
  if (arg.type === T.OneOf) hint = addHintForArguments(hint, arg.sub, '|');
  else if (arg.type === T.Block) hint = addHintForArguments(hint, arg.sub, ' ');
  else if (arg.type !== T.PureToken) hint += orEmpty(arg.label);
  return hint + ' ...]';
}

function addHintForArgument(hint: string, arg: Arg): string {
  if (arg.matchedAll) return hint;
  if (arg.optional && !arg.matched) hint += '[';
  if (arg.token !== undefined && !arg.matchedToken) hint += tokenPart(arg);
  if (arg.type === T.OneOf) {
    if (arg.matched === 0) hint = addHintForArguments(hint, arg.sub, '|');
    else for (const s of arg.sub) if (s.matched !== 0) hint = addHintForArgument(hint, s);
  } else if (arg.type === T.Block) {
    hint = addHintForArguments(hint, arg.sub, ' ');
  } else if (arg.type !== T.PureToken && !arg.matchedName) {
    hint += orEmpty(arg.label);
  }
  hint = addHintForRepeatedArgument(hint, arg);
  if (arg.optional && !arg.matched) hint += ']';
  return hint;
}

/** sscanf("%lld") == 1 (blanks, sign, a digit) and sscanf("%lf") == 1 (what strtod starts converting). */
const SCANS_INTEGER = /^[ \t\n\v\f\r]*[+-]?[0-9]/;
const SCAN: Partial<Record<T, RegExp>> = {
  [T.Integer]: SCANS_INTEGER, [T.UnixTime]: SCANS_INTEGER, [T.Double]: /^[ \t\n\v\f\r]*[+-]?([0-9]|\.[0-9]|inf|nan)/i,
};

/**
 * The input words, standing in for the C's `char **nextword` cursor. With `probe`, the word at that index is a
 * stand-in that every argument refuses, and the tokens tried there are collected: the keywords valid next.
 */
interface Words {
  w: string[]; probe?: number; tried?: Set<string>; value?: Set<string>;
  /** Key-name completion: the words a `key` argument took, and whether one was offered the probe. */
  keys?: number[]; keyProbed?: boolean;
}

function matchNoTokenArg(ws: Words, at: number, num: number, arg: Arg): number {
  if (arg.type === T.Block) {
    arg.matched += matchArgs(ws, at, num, arg.sub);
    arg.matchedAll = arg.sub.every((s) => s.matchedAll); // all the parts must match for the block to match
  } else if (arg.type === T.OneOf) {
    const s = arg.sub.find((x) => matchArg(ws, at, num, x) !== 0);
    if (s) { arg.matched += s.matched; arg.matchedAll = s.matchedAll; }
  } else if (at !== ws.probe && (SCAN[arg.type]?.test(ws.w[at]!) ?? true)) {
    arg.matched += 1; arg.matchedName = arg.matchedAll = true;
    if (arg.key) ws.keys?.push(at);
  } else {
    if (arg.key && at === ws.probe) ws.keyProbed = true;
    arg.matched = 0; arg.matchedName = false; // a value of the wrong type (or the probe, which nothing accepts)
  }
  return arg.matched;
}

function matchArgOnce(ws: Words, at: number, num: number, arg: Arg): number {
  if (arg.token !== undefined) {
    if (at === ws.probe) ws.tried!.add(arg.token);
    if (at === ws.probe || asciiLower(arg.token) !== asciiLower(ws.w[at]!)) return 0;
    arg.matchedToken = true;
    arg.matched = 1;
    if (arg.type === T.PureToken) { arg.matchedAll = true; return 1; }
    if (num === 1) return 1;
    at++; num--;
    if (at === ws.probe) return probeValue(ws, at, num, arg);
  }
  if (!matchNoTokenArg(ws, at, num, arg)) return 0;
  return arg.matched;
}

/** The probe is this token's value: only what the value accepts may come next (`CLIENT LIST TYPE ` -> NORMAL...). */
function probeValue(ws: Words, at: number, num: number, arg: Arg): number {
  const outer = ws.tried;
  ws.tried = ws.value ??= new Set();
  const ok = matchNoTokenArg(ws, at, num, arg);
  ws.tried = outer;
  return ok ? arg.matched : 0;
}

function matchArg(ws: Words, at: number, num: number, arg: Arg): number {
  let matchedWords = 0;
  let once = matchArgOnce(ws, at, num, arg);
  if (!arg.multiple) return once;
  matchedWords += once;
  while (arg.matchedAll && matchedWords < num) {
    clearMatched([arg]);
    if (arg.token !== undefined && !arg.multipleToken) {
      // The token only appears once; pretend later repetitions saw it, so it is not hinted.
      once = matchNoTokenArg(ws, at + matchedWords, num - matchedWords, arg);
      if (arg.matched) arg.matchedToken = true;
    } else {
      once = matchArgOnce(ws, at + matchedWords, num - matchedWords, arg);
    }
    matchedWords += once;
  }
  arg.matchedAll = false; // more repetitions are still possible
  return matchedWords;
}

function matchOneOptionalArg(ws: Words, at: number, num: number, args: Arg[]): [number, number] {
  for (let k = 0; num !== 0 && k < args.length; k++) {
    if (args[k]!.matched) continue;
    const words = matchArg(ws, at, num, args[k]!);
    if (words !== 0) return [words, k];
  }
  return [0, -1];
}

function matchOptionalArgs(ws: Words, at: number, num: number, args: Arg[]): number {
  let next = 0;
  let last = -1;
  while (next !== num) {
    const [words, k] = matchOneOptionalArg(ws, at + next, num - next, args);
    if (words === 0) break;
    if (last !== -1) args[last]!.matchedAll = true; // an earlier optional is done: don't hint it as partial
    last = k;
    next += words;
  }
  return next;
}

/** Matches as many of the `num` words from `at` as possible against `args`; 0 if a required one fails. */
function matchArgs(ws: Words, at: number, num: number, args: Arg[]): number {
  let next = 0;
  for (let k = 0; next !== num && k < args.length; k++) {
    let words: number;
    if (args[k]!.optional) {
      let end = k;
      while (end < args.length && args[end]!.optional) end++;
      words = matchOptionalArgs(ws, at + next, num - next, args.slice(k, end));
      k = end - 1;
    } else {
      words = matchArg(ws, at + next, num - next, args[k]!);
      if (words === 0) return 0;
    }
    next += words;
  }
  return next;
}

/** makeHint: the part of `doc`'s syntax not yet covered by `words` (the arguments after the command name). */
export function makeHint(doc: CommandDoc, words: string[]): string {
  if (!doc.arguments) return ''; // COMMAND DOCS entries without arguments have no params (sdsnew(NULL))
  const args = argState(doc.arguments);
  const matched = words.length ? matchArgs({ w: words }, 0, words.length, args) : 0;
  return matched === words.length ? addHintForArguments('', args, ' ') : '';
}

/**
 * The keywords (tokens) the syntax accepts right after `words` (the arguments after the command name), in syntax
 * order; undefined when `words` themselves do not match.
 */
export function nextTokens(doc: CommandDoc, words: string[]): string[] | undefined {
  const args = doc.arguments ?? [];
  if (matchArgs({ w: words }, 0, words.length, argState(args)) !== words.length) return undefined;
  const ws: Words = { w: [...words, ''], probe: words.length, tried: new Set() };
  matchArgs(ws, 0, words.length + 1, argState(args));
  return [...(ws.value ?? ws.tried!)];
}

/**
 * Key names in `words` (the arguments after the command name): the indexes the syntax's `key` arguments took, and
 * whether a key may come right after them; undefined when `words` do not match. Matching is by syntax alone, so a
 * word an abandoned alternative took may be counted too, and EVAL's keys are not told from its args (no numkeys).
 */
export function keyArguments(doc: CommandDoc, words: string[]): { keys: number[]; nextIsKey: boolean } | undefined {
  const args = doc.arguments ?? [];
  const seen: Words = { w: words, keys: [] };
  if (matchArgs(seen, 0, words.length, argState(args)) !== words.length) return undefined;
  const ws: Words = { w: [...words, ''], probe: words.length, tried: new Set() };
  matchArgs(ws, 0, words.length + 1, argState(args));
  return { keys: [...new Set(seen.keys)], nextIsKey: ws.keyProbed === true };
}

const ENDS_IN_SPACE = /[ \t\n\v\f\r]$/;

/**
 * The hint redis-cli shows for `line`, without the leading space the display adds; undefined for none (a NULL hint,
 * while '' still draws a grey space). Like the redis-cli of the server's generation: 7.0's synopsis-minus-words for
 * servers before 7.2 (and the bundled 7.0 docs), 7.2+'s argument matching (as valkey-cli 8 does) from 7.2 on.
 */
export function hintFor(line: string, catalog: CommandCatalog): string | undefined {
  return matchesArguments(catalog) ? hint74(line, catalog) : hint70(line, catalog);
}

/** redis-cli 7.2+ hints for servers whose redis_version is 7.2 or later. */
function matchesArguments(catalog: CommandCatalog): boolean {
  const [major, minor] = (catalog.serverVersion ?? '').split('.').map(Number);
  return major! > 7 || (major === 7 && minor! >= 2);
}

/**
 * getHintForInput (7.4): the hint for `line`; undefined when no command matches. The last word is not matched until
 * a space follows it. Trailing spaces are kept (the C keeps them too).
 */
export function hint74(line: string, catalog: CommandCatalog): string | undefined {
  const argv = splitArgs(Buffer.from(line, 'utf8'))?.map((b) => b.toString('latin1')) ?? [];
  const matchargc = ENDS_IN_SPACE.test(line) ? argv.length : argv.length - 1;
  if (matchargc <= 0) return undefined;
  const doc = catalog.match(argv.slice(0, matchargc));
  return doc ? makeHint(doc, argv.slice(doc.words.length, matchargc)) : undefined;
}
