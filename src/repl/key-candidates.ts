// Pure pieces of key-name completion: the SCAN pattern for a typed prefix, how a key is typed back on the line, the
// word being completed, and merging candidate lists.
import { strcmp } from '../commands/catalog.js';
import { repr } from '../format/repr.js';

const IS_SPACE = /[ \t\n\v\f\r]/;
const GLOB_SPECIAL = new Set([0x2a /* * */, 0x3f /* ? */, 0x5b /* [ */, 0x5d /* ] */, 0x5c /* \ */]);
/** Characters that make sdssplitargs read a word differently: blanks, quotes, control bytes. */
const NEEDS_QUOTES = /[\x00-\x20\x7f"'\uFFFD]/;

/** `MATCH` pattern for names starting with `prefix`: its glob characters escaped with `\`, then `*`. */
export function prefixPattern(prefix: Buffer): Buffer {
  const out: number[] = [];
  for (const b of prefix) {
    if (GLOB_SPECIAL.has(b)) out.push(0x5c);
    out.push(b);
  }
  out.push(0x2a);
  return Buffer.from(out);
}

/** The key as it must be typed for the line to split back into it: as is when it can be, else quoted like redis-cli. */
export function keyWord(key: Buffer): string {
  const text = key.toString('utf8');
  if (key.length > 0 && !NEEDS_QUOTES.test(text) && Buffer.byteLength(text, 'utf8') === key.length) return text;
  return repr(key); // ASCII only: every other byte is \xHH
}

/** The line split before the word at its end: `GET us` -> `GET ` and `us`; `partial` is '' after a blank. */
export function splitLastWord(line: string): { before: string; partial: string } {
  let i = line.length;
  while (i > 0 && !IS_SPACE.test(line[i - 1]!)) i--;
  return { before: line.slice(0, i), partial: line.slice(i) };
}

/** Every candidate once, in the order of the lists (keywords before key names, each list already sorted). */
export function mergeCandidates(...lists: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(lists.flat())];
}

/** Names (byte strings, one char per byte) that start with `prefix`, in byte order. */
export function withPrefix(names: Iterable<string>, prefix: string): string[] {
  const out: string[] = [];
  for (const n of names) if (n.startsWith(prefix)) out.push(n);
  return out.sort(strcmp);
}

/** A set of recently seen key names (byte strings) that forgets the oldest beyond `max`. */
export class RecentKeys {
  private readonly names = new Set<string>();

  constructor(private readonly max = 1000) {}

  add(name: string): void {
    if (name.length === 0 || name.length > 512) return; // long binary blobs are not worth offering
    this.names.delete(name);
    this.names.add(name);
    if (this.names.size > this.max) this.names.delete(this.names.values().next().value!);
  }

  [Symbol.iterator](): Iterator<string> {
    return this.names[Symbol.iterator]();
  }
}
