// The edited text as user-perceived characters plus a cursor, with linenoise's editing operations.
import { graphemes } from './line-render.js';

export class LineBuffer {
  /** Graphemes, so that a wide or combined character moves and deletes as one. */
  chars: string[] = [];
  pos = 0;

  get text(): string {
    return this.chars.join('');
  }

  get length(): number {
    return this.chars.length;
  }

  /** Replaces the text, cursor at the end. */
  set(text: string): void {
    this.chars = graphemes(text);
    this.pos = this.chars.length;
  }

  clear(): void {
    this.chars = [];
    this.pos = 0;
  }

  insert(text: string): void {
    const before = this.chars.slice(0, this.pos).join('') + text;
    this.chars = graphemes(before + this.chars.slice(this.pos).join(''));
    // A combining mark joins the character before it, so count again rather than add.
    this.pos = Math.min(graphemes(before).length, this.chars.length);
  }

  /** Moves the cursor; false when it is out of range or already there (linenoise then draws nothing). */
  moveTo(pos: number): boolean {
    if (pos < 0 || pos > this.chars.length || pos === this.pos) return false;
    this.pos = pos;
    return true;
  }

  /** Delete key / Ctrl-D: the character under the cursor. */
  deleteAtCursor(): boolean {
    if (this.pos >= this.chars.length) return false;
    this.chars.splice(this.pos, 1);
    return true;
  }

  backspace(): boolean {
    if (this.pos === 0) return false;
    this.chars.splice(this.pos - 1, 1);
    this.pos--;
    return true;
  }

  /** Ctrl-T: swaps the characters before and under the cursor, then moves right unless on the last one. */
  transpose(): boolean {
    const { pos, chars } = this;
    if (pos === 0 || pos >= chars.length) return false;
    [chars[pos - 1], chars[pos]] = [chars[pos]!, chars[pos - 1]!];
    if (pos !== chars.length - 1) this.pos++;
    return true;
  }

  /** Ctrl-W: spaces before the cursor, then the word before them (only ' ' separates words). */
  deletePrevWord(): void {
    const end = this.pos;
    while (this.pos > 0 && this.chars[this.pos - 1] === ' ') this.pos--;
    while (this.pos > 0 && this.chars[this.pos - 1] !== ' ') this.pos--;
    this.chars.splice(this.pos, end - this.pos);
  }

  /** Ctrl-K. */
  killToEnd(): void {
    this.chars.length = this.pos;
  }
}
