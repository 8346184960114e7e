// Splits a REPL/stdin line into argv byte-for-byte like redis-cli (hiredis sdssplitargs) and applies the "N cmd" repeat prefix.

/** Byte classes for the unquoted-token scan. */
const PLAIN = 0;
const SEP = 1; // ends an unquoted token: space, \n, \r, \t (NUL is handled by truncating the line)
const QUOTE = 2; // " or ' starts a quoted section, even mid-token

const TOKEN_CLASS = new Uint8Array(256);
TOKEN_CLASS[0x20] = TOKEN_CLASS[0x0a] = TOKEN_CLASS[0x0d] = TOKEN_CLASS[0x09] = SEP;
TOKEN_CLASS[0x22] = TOKEN_CLASS[0x27] = QUOTE;

/** C-locale isspace(): space, \t, \n, \v, \f, \r. Bytes >= 0x80 are never space. */
const IS_SPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]) IS_SPACE[c] = 1;

/** C-locale isxdigit() value + 1 (0 = not a hex digit). */
const HEX = new Uint8Array(256);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i + 1;
for (let i = 0; i < 6; i++) HEX[0x41 + i] = HEX[0x61 + i] = i + 11;

/** Escapes inside double quotes other than \xHH; any other escaped byte stands for itself. */
const DQ_ESCAPE = new Int16Array(256).fill(-1);
DQ_ESCAPE[0x6e] = 0x0a; // \n
DQ_ESCAPE[0x72] = 0x0d; // \r
DQ_ESCAPE[0x74] = 0x09; // \t
DQ_ESCAPE[0x62] = 0x08; // \b
DQ_ESCAPE[0x61] = 0x07; // \a

const INVALID = -1;

/**
 * Splits `line` exactly like hi_sdssplitargs. Returns null for unbalanced quotes or a closing quote
 * followed by a non-space byte (the caller prints `Invalid argument(s)`); [] for an empty/blank line.
 * Tokens are views into one private copy of the line (a single allocation per line), never into `line`.
 */
export function splitArgs(line: Buffer): Buffer[] | null {
  // The C code sees a NUL-terminated string: everything from the first NUL on does not exist.
  const nul = line.indexOf(0);
  const len = nul < 0 ? line.length : nul;
  const out: Buffer[] = [];
  const own = Buffer.from(line.subarray(0, len));
  let i = 0;
  for (;;) {
    while (i < len && IS_SPACE[line[i]!] === 1) i++;
    if (i >= len) return out;
    const start = i;
    let cls = PLAIN;
    while (i < len && (cls = TOKEN_CLASS[line[i]!]!) === PLAIN) i++;
    if (i >= len || cls === SEP) {
      // Fast path: a plain token is its bytes unchanged. The separator (if any) is skipped as a blank.
      out.push(own.subarray(start, i));
      continue;
    }
    // A quoted section: the token is the plain prefix plus the section, and it must end there.
    const end = readQuoted(line, own, start, i, len, out);
    if (end === INVALID) return null;
    i = end;
  }
}

/**
 * Decodes the quoted section opening at `q` (the plain prefix is start..q), pushes the token and returns
 * the index just past the closing quote, or INVALID. Decoded bytes are written into `own` at start.. :
 * each input byte yields at most one output byte, so the write index never passes the read index.
 */
function readQuoted(line: Buffer, own: Buffer, start: number, q: number, len: number, out: Buffer[]): number {
  let n = q;
  let i = q + 1;
  if (line[q] === 0x22) {
    for (;;) {
      if (i >= len) return INVALID; // unterminated quotes
      const c = line[i]!;
      if (c === 0x5c && i + 1 < len) {
        const e = line[i + 1]!;
        if (e === 0x78 && i + 3 < len && HEX[line[i + 2]!]! && HEX[line[i + 3]!]!) {
          own[n++] = (HEX[line[i + 2]!]! - 1) * 16 + HEX[line[i + 3]!]! - 1;
          i += 4;
        } else {
          const m = DQ_ESCAPE[e]!;
          own[n++] = m >= 0 ? m : e;
          i += 2;
        }
      } else if (c === 0x22) {
        break;
      } else {
        own[n++] = c; // includes a lone trailing backslash, which then hits "unterminated"
        i++;
      }
    }
  } else {
    for (;;) {
      if (i >= len) return INVALID;
      const c = line[i]!;
      if (c === 0x5c && i + 1 < len && line[i + 1] === 0x27) {
        own[n++] = 0x27;
        i += 2;
      } else if (c === 0x27) {
        break;
      } else {
        own[n++] = c;
        i++;
      }
    }
  }
  // Closing quote must be followed by isspace() (here \v and \f count) or the end of the line.
  if (i + 1 < len && IS_SPACE[line[i + 1]!] !== 1) return INVALID;
  out.push(own.subarray(start, n));
  return i + 1;
}

export type RepeatPrefix = { repeat: number; argv: Buffer[] } | { error: string };

export const REPEAT_ERROR = 'Invalid redis-cli repeat command option value.';

/** LONG_MAX on LP64 (Linux/macOS), as a 19-digit string for overflow checks. */
const LONG_MAX_DIGITS = '9223372036854775807';

/**
 * redis-cli's `N cmd` rule: with argc > 1, an argv[0] that strtol(…, 10) consumes completely is a repeat
 * count; <= 0 or out of `long` range is an error. Otherwise repeat 1 and argv unchanged.
 */
export function parseRepeatPrefix(argv: Buffer[]): RepeatPrefix {
  if (argv.length < 2) return { repeat: 1, argv };
  const n = strtolWhole(argv[0]!);
  if (n === null) return { repeat: 1, argv };
  if (n === INVALID) return { error: REPEAT_ERROR };
  return { repeat: n, argv: argv.slice(1) };
}

/**
 * Emulates `strtol(s, &end, 10)` followed by the `*end == '\0'` test, on the C string s (up to its first NUL).
 * Returns null when s is not entirely a number, INVALID when it is a number redis-cli rejects
 * (<= 0 or ERANGE), else the count. An empty C string counts as the number 0 (strtol leaves end at s).
 */
function strtolWhole(s: Buffer): number | null {
  const nul = s.indexOf(0);
  const len = nul < 0 ? s.length : nul;
  let i = 0;
  while (i < len && IS_SPACE[s[i]!] === 1) i++;
  let negative = false;
  if (i < len && (s[i] === 0x2b || s[i] === 0x2d)) negative = s[i++] === 0x2d;
  const digitsStart = i;
  while (i < len && s[i]! >= 0x30 && s[i]! <= 0x39) i++;
  if (i === digitsStart) return len === 0 ? INVALID : null; // no conversion: end = s
  if (i !== len) return null;
  let d = digitsStart;
  while (d < len - 1 && s[d] === 0x30) d++; // strip leading zeros
  const digits = s.toString('latin1', d, len);
  if (negative || digits === '0') return INVALID;
  if (digits.length > LONG_MAX_DIGITS.length) return INVALID;
  if (digits.length === LONG_MAX_DIGITS.length && digits > LONG_MAX_DIGITS) return INVALID;
  return Number(digits);
}
