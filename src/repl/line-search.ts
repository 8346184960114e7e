// Ctrl-R / Ctrl-S incremental history search, as redis-cli 7.4's linenoise does it (searchInHistory, refreshSearchResult).
import { strWidth } from './line-render.js';

export type SearchDirection = -1 | 1;

export function searchPrompt(direction: SearchDirection): string {
  return direction === -1 ? '(reverse-i-search): ' : '(i-search): ';
}

export class HistorySearch {
  enabled = false;
  /** -1 searches towards older lines (Ctrl-R), 1 towards newer ones (Ctrl-S). */
  direction: SearchDirection = -1;
  /** Set by a repeated Ctrl-R/Ctrl-S: the next refresh moves on to the next different matching line. */
  cycle = false;
  /** The matching history line ('' when there is none) and how it is drawn. */
  result = '';
  friendly = '';
  /** Cells before the match in `result`: the cursor is drawn that much further right. */
  startOffset = 0;
  private index = 0;

  /** `history` is the editor's own copy (oldest first, the line being edited last). */
  constructor(private readonly history: readonly string[]) {}

  reset(): void {
    this.result = '';
    this.friendly = '';
  }

  /** Called on every refresh while searching: finds `term` and keeps the match to draw. */
  refresh(term: string): void {
    if (!this.enabled) return;
    const found = this.find(term);
    // When cycling finds nothing more, the previous match stays on screen.
    if (!this.cycle || found) this.reset();
    this.cycle = false;
    if (!found) return;
    const prefix = found.line.slice(0, found.at);
    const match = found.line.slice(found.at, found.at + term.length);
    const suffix = found.line.slice(found.at + term.length);
    this.result = found.line;
    this.friendly = `\x1b[0m${prefix}\x1b[1m${match}\x1b[0m${suffix}`;
    this.startOffset = strWidth(prefix);
  }

  private find(term: string): { line: string; at: number } | undefined {
    const h = this.history;
    if (h.length === 0 || term === '') return undefined;
    let i = this.cycle ? this.index : this.direction === -1 ? h.length - 1 : 0;
    for (;;) {
      const line = h[i]!;
      const at = line.indexOf(term);
      // Cycling skips lines equal to the current match, or it would look as if nothing happened.
      const same = this.cycle && line === h[this.index];
      if (at >= 0 && !same && line !== '') {
        this.index = i;
        return { line, at };
      }
      const next = i + this.direction;
      if (next < 0 || next >= h.length) return undefined;
      i = next;
    }
  }
}
