// Command words compared the way redis-cli's strcasecmp does: ASCII letters fold, nothing else, C strings end at NUL.

type Word = string | Buffer;

/** ASCII-only lower-casing (the C locale's tolower): a non-ASCII byte never folds into a command name. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** ASCII-only upper-casing. */
export function asciiUpper(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

/** A word as text, one char per byte. */
export function wordText(w: Word): string {
  return typeof w === 'string' ? w : w.toString('latin1');
}

/** argv[i] lower-cased ('' when absent). */
export function word(argv: readonly Word[], i = 0): string {
  const arg = argv[i];
  return arg === undefined ? '' : asciiLower(wordText(arg));
}

/** strcasecmp(arg, lowerWord) == 0 on the C string arg (it ends at its first NUL); lowerWord is lower-case ASCII. */
export function equalsIgnoreCase(arg: Word, lowerWord: string): boolean {
  const n = lowerWord.length;
  const at = (k: number): number => (typeof arg === 'string' ? arg.charCodeAt(k) : arg[k]!);
  if (arg.length < n || (arg.length > n && at(n) !== 0)) return false;
  for (let k = 0; k < n; k++) {
    const c = at(k);
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== lowerWord.charCodeAt(k)) return false;
  }
  return true;
}

/** SHUTDOWN closes the connection on success: its "lost connection" is not an error. */
export function isShutdown(argv: readonly Buffer[]): boolean {
  return word(argv) === 'shutdown';
}
