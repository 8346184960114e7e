// Key-name completion at an argument the command's docs mark as a key: names seen in this session at once, the
// server's (one bounded SCAN per node) when they arrive. Never blocks a key, never prints.
import type { CommandCatalog } from '../commands/catalog.js';
import { splitArgs } from '../commands/split-args.js';
import { keyArguments } from './hints.js';
import { keyWord, RecentKeys, splitLastWord, withPrefix } from './key-candidates.js';
import type { ScanResult } from './key-scan.js';

/** What asks the server: KeyScanner.scan. */
export type ScanKeys = (prefix: Buffer) => Promise<ScanResult>;

interface Found extends ScanResult {
  at: number;
}

/** A key being typed: the line before its word, and the typed part as a byte string. */
interface KeyPosition {
  before: string;
  prefix: string;
}

/** How long a SCAN answer is reused instead of asking again. */
const FRESH_MS = 3000;
const MAX_ANSWERS = 64;

export class KeyCompletion {
  private readonly seen = new RecentKeys();
  private readonly answers = new Map<string, Found>();
  private readonly asking = new Map<string, Promise<void>>();

  constructor(
    private readonly catalog: () => CommandCatalog, private readonly scan?: ScanKeys, private readonly clock = Date.now,
  ) {}

  /** Remembers the key names in a command the user ran (by its syntax: the words its `key` arguments take). */
  remember(argv: readonly Buffer[]): void {
    const words = argv.map((a) => a.toString('latin1'));
    const doc = this.catalog().match(words);
    if (!doc) return;
    const args = words.slice(doc.words.length);
    for (const i of keyArguments(doc, args)?.keys ?? []) this.seen.add(args[i]!);
  }

  /** Candidate lines available now: names seen in this session and names a recent SCAN found. */
  now(line: string): string[] {
    const at = this.position(line);
    return at ? this.candidates(at) : [];
  }

  /**
   * The candidate lines once the server answered; undefined when the line is not at a key, or a fresh answer
   * already covers the prefix (then now() has them all).
   */
  later(line: string): Promise<string[]> | undefined {
    const at = this.position(line);
    if (!at || !this.scan || this.covered(at.prefix)) return undefined;
    return this.ask(at.prefix).then(() => this.candidates(at));
  }

  private position(line: string): KeyPosition | undefined {
    const { before, partial } = splitLastWord(line);
    if (/["']/.test(partial)) return undefined; // a quoted word: leave it alone
    const argv = splitArgs(Buffer.from(before, 'utf8'))?.map((b) => b.toString('latin1'));
    if (!argv || argv.length === 0) return undefined;
    const catalog = this.catalog();
    const doc = catalog.match(argv);
    if (!doc) return undefined;
    const words = argv.slice(doc.words.length);
    if (doc.words.length === 1 && words.length === 0 && catalog.subcommandsOf(doc.name).length > 0) return undefined;
    if (!keyArguments(doc, words)?.nextIsKey) return undefined;
    return { before, prefix: Buffer.from(partial, 'utf8').toString('latin1') };
  }

  private candidates(at: KeyPosition): string[] {
    const names = new Set(withPrefix(this.seen, at.prefix));
    for (const [prefix, found] of this.answers) {
      if (!at.prefix.startsWith(prefix) || !this.isFresh(found)) continue;
      for (const n of withPrefix(found.names, at.prefix)) names.add(n);
    }
    return withPrefix(names, at.prefix).map((n) => at.before + keyWord(Buffer.from(n, 'latin1')));
  }

  /** A fresh answer for this very prefix, or a complete one for a shorter prefix of it. */
  private covered(prefix: string): boolean {
    for (const [p, found] of this.answers) {
      if (this.isFresh(found) && (p === prefix || (found.complete && prefix.startsWith(p)))) return true;
    }
    return false;
  }

  private isFresh(found: Found): boolean {
    return this.clock() - found.at < FRESH_MS;
  }

  /** One lookup per prefix at a time; its answer is kept for FRESH_MS. */
  private ask(prefix: string): Promise<void> {
    let pending = this.asking.get(prefix);
    if (!pending) {
      pending = this.scan!(Buffer.from(prefix, 'latin1')).then(
        (r) => this.keep(prefix, r),
        () => undefined,
      ).finally(() => this.asking.delete(prefix));
      this.asking.set(prefix, pending);
    }
    return pending;
  }

  private keep(prefix: string, r: ScanResult): void {
    this.answers.delete(prefix);
    this.answers.set(prefix, { ...r, at: this.clock() });
    if (this.answers.size > MAX_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
  }
}
